using System.Diagnostics;
using BaliProcess.Web.Infrastructure.Data;

namespace BaliProcess.Web.Tests.Infrastructure;

public sealed record CliRun(int Exit, string Out, string Err);

/// <summary>
/// The operator command as <c>./bp VERB …</c> runs it: the platform's own binary in a process of its own, configured
/// through environment variables, with no web host or background service running beside it.
/// </summary>
public static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<CliRun> RunAsync(DatabaseProvider provider, string connectionString, string searchIndexPath, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.HostProject,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BaliProcess.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Database__Provider"] = provider.ToString();
        info.Environment["Database__ConnectionString"] = connectionString;
        info.Environment["Search__IndexPath"] = searchIndexPath;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the platform's command line.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {Timeout}: {await output} {await error}");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}
