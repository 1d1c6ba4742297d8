using System.Globalization;
using BaliProcess.Web.Infrastructure.Data;
using Xunit.Abstractions;

namespace BaliProcess.Web.Tests.Infrastructure.Faults;

/// <summary>
/// The crash test (<see cref="CrashRun"/>) at a small count in the test command. The full run of 200 or more kills:
/// <c>BP_CRASH_ITERATIONS=200 dotnet test tests/BaliProcess.Web.Tests/BaliProcess.Web.Tests.csproj --no-build
/// --filter "FullyQualifiedName~CrashTests" --logger "console;verbosity=detailed"</c> (docs/benchmarks.md records
/// its results). BP_CRASH_SEED repeats the kill moments of a failed run; BP_CRASH_LOG names a file that receives each kill's line as it happens.
/// </summary>
public abstract class CrashTests(DatabaseProvider provider, ITestOutputHelper output)
{
    private const int DefaultIterations = 3;

    [Fact]
    public async Task Sigkill_DuringConcurrentAuditedWrites_EveryAcknowledgedWriteIsStoredAuditedAndFoundAndTheChainVerifies()
    {
        var iterations = Setting("BP_CRASH_ITERATIONS") ?? DefaultIterations;
        var seed = Setting("BP_CRASH_SEED") ?? Random.Shared.Next(1, int.MaxValue);
        Report($"Crash test on {provider}: {iterations} kills, seed {seed}.");

        var summary = await new CrashRun(provider, seed).RunAsync(iterations, Report);

        Report(summary.ToString());
        summary.Iterations.ShouldBe(iterations);
        summary.Acknowledged.ShouldBeGreaterThanOrEqualTo(iterations, "every kill had at least one acknowledged write to lose");
    }

    /// <summary>To the test's output, and to the file BP_CRASH_LOG names, if any (a long run's progress, as it goes).</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BP_CRASH_LOG") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
        }
    }

    private static int? Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.")
            : null;
}

[Collection(SqliteCollection.Name)]
public sealed class CrashSqliteTests(ITestOutputHelper output) : CrashTests(DatabaseProvider.Sqlite, output);

[Collection(PostgresCollection.Name)]
public sealed class CrashPostgresTests(ITestOutputHelper output) : CrashTests(DatabaseProvider.Postgres, output);
