using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BaliProcess.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb and pg_ctl as user postgres (the server refuses root),
/// in a temporary folder, on a free port; stopped when the test process exits. BP_TEST_POSTGRES, when set,
/// names an existing server instead (a connection string without a database name).
/// </summary>
public static class PostgresCluster
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ServerConnectionString => Server.Value;

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("BP_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bin = FindBin();
        var dir = Path.Combine(Path.GetTempPath(), $"bp-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {dir}");
        }

        var port = FreePort();
        RunAsPostgres(asRoot, Path.Combine(bin, "initdb"), $"-D {dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8");
        RunAsPostgres(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {dir}/data -l {dir}/log -w -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=800\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsPostgres(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -m immediate stop");
                Directory.Delete(dir, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // The cluster lives in a temporary folder; a failed stop leaves nothing that a later run depends on.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Include Error Detail=true";
    }

    private static string FindBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql (install Debian's 'postgresql' package) and BP_TEST_POSTGRES is not set.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(bool asRoot, string program, string arguments)
    {
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {program} {arguments}");
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error.Result} {output.Result}");
        }
    }
}
