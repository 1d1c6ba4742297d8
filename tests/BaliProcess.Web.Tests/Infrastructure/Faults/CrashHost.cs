using System.Diagnostics;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure.Deployment;

namespace BaliProcess.Web.Tests.Infrastructure.Faults;

/// <summary>
/// The real web host as a child process (<c>dotnet BaliProcess.Host.dll</c> from the build the tests run on), on a
/// database and a data folder that outlive it: each <see cref="StartAsync"/> is a new process on what the last one
/// left behind, as after a crash. Configured as a production node is, through environment variables only.
/// </summary>
public sealed class CrashHost(DatabaseProvider provider, string connectionString, string dataPath)
{
    public string DataPath { get; } = dataPath;

    public string SearchIndexPath => Path.Combine(DataPath, "search-index");

    public async Task<PublishedProcess> StartAsync(TimeSpan startTimeout)
    {
        var host = Launch();
        try
        {
            await host.WaitUntilHealthyAsync(startTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The process, started but not yet waited for (it is still migrating, opening its index and so on).</summary>
    public PublishedProcess Launch()
    {
        var url = $"http://127.0.0.1:{PublishedBuild.FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The content root: nothing of the source tree is near it.
            WorkingDirectory = DataPath,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BaliProcess.Host.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);

        // Nothing of the test process's own ASP.NET Core or MSBuild settings reaches the node.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)
                     || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in PublishedBuild.Production(provider, connectionString))
        {
            info.Environment[key] = value;
        }

        info.Environment["Database__DataPath"] = DataPath;
        // Every start migrates, as an upgraded node would: a restart after a kill must find the schema as it left it.
        info.Environment["Database__MigrateOnStart"] = "true";
        info.Environment["Search__IndexPath"] = SearchIndexPath;
        info.Environment["Library__ImportSeedsOnStart"] = "false";
        info.Environment["Library__PendingUploadsPath"] = Path.Combine(DataPath, "pending-uploads");
        info.Environment["Mail__Sender"] = "File";

        var process = Process.Start(info) ?? throw new InvalidOperationException("The platform's host did not start.");
        return new PublishedProcess(process, new Uri(url));
    }
}
