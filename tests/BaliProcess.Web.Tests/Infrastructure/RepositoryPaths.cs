namespace BaliProcess.Web.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding BaliProcess.slnx, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "BaliProcess.Web");

    /// <summary>The thin host (Program.cs, appsettings.json): the content root of the platform as ./run.sh starts it.</summary>
    public static string HostProject => Path.Combine(Root, "src", "BaliProcess.Host");

    /// <summary>The seed documents, kept beside the repository in ../shared/seeds.</summary>
    public static string Seeds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BaliProcess.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BaliProcess.slnx was not found above the test binaries.");
    }
}
