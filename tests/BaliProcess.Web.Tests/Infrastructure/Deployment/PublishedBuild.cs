using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BaliProcess.Web.Infrastructure.Data;

namespace BaliProcess.Web.Tests.Infrastructure.Deployment;

/// <summary>
/// The host as <c>dotnet publish</c> ships it: published once per test run (framework-dependent, from the build the
/// tests run on) into a temporary folder, and started from there as a real process with its own content root.
/// </summary>
public static class PublishedBuild
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<string> FolderAsync() => Folder.Value;

    /// <summary>Debug or Release: the configuration the test assembly itself was built in (bin/CONFIG/net10.0).</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"bp-published-{Guid.NewGuid():N}");
        var project = Path.Combine(RepositoryPaths.HostProject, "BaliProcess.Host.csproj");
        var run = await RunAsync("dotnet", RepositoryPaths.Root, new Dictionary<string, string?>(),
            ["publish", project, "--no-build", "-c", Configuration, "-o", output, "-v", "quiet", "-nologo"]);
        if (run.Exit != 0 || !File.Exists(Path.Combine(output, "BaliProcess.Host.dll")))
        {
            throw new InvalidOperationException($"dotnet publish failed ({run.Exit}): {run.Out} {run.Err}");
        }

        return output;
    }

    /// <summary>An operator verb, run from the published folder as <c>dotnet BaliProcess.Host.dll VERB …</c>.</summary>
    public static async Task<CliRun> VerbAsync(IReadOnlyDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var folder = await FolderAsync();
        return await RunAsync("dotnet", folder, environment, [Path.Combine(folder, "BaliProcess.Host.dll"), .. args], stdin);
    }

    /// <summary>The web host from the published folder (its working directory, hence its content root), listening on a free port.</summary>
    public static async Task<PublishedProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var folder = await FolderAsync();
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = Info("dotnet", folder, environment, [Path.Combine(folder, "BaliProcess.Host.dll"), "--urls", url]);
        var process = Process.Start(info) ?? throw new InvalidOperationException("The published host did not start.");
        return new PublishedProcess(process, new Uri(url));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>What a production node is given: the environment, the provider and its connection; nothing from the source tree.</summary>
    public static Dictionary<string, string?> Production(DatabaseProvider provider, string? connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = provider.ToString(),
        ["Database__ConnectionString"] = connectionString,
    };

    private static ProcessStartInfo Info(string file, string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing of the test process's own ASP.NET Core settings leaks into the published build.
        // Nor the test runner's MSBuild variables, which would point 'dotnet publish' at the wrong SDK state.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)
                     || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static async Task<CliRun> RunAsync(string file, string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args, string? stdin = null)
    {
        using var process = Process.Start(Info(file, workingDirectory, environment, args)) ?? throw new InvalidOperationException($"{file} did not start.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {CommandTimeout}: {await output} {await error}");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}

/// <summary>A running published host; disposing it stops the process.</summary>
public sealed class PublishedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    public PublishedProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Waits until /health answers 200 (the database is migrated and reachable), or fails with the process's log.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The published host exited with {process.ExitCode}: {Log}");
            }

            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The published host did not answer /health within {timeout}: {Log}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
