using System.Diagnostics;

namespace BaliProcess.Web.Tests.Infrastructure.Deployment;

/// <summary>
/// The systemd unit in deploy/ is one systemd accepts as written: a misspelt key or value is ignored by systemd with a
/// warning, which would silently drop a hardening setting. (The container image needs a Docker engine, which the test
/// machines do not have; the unit needs only systemd's own checker, which ./test.sh installs.)
/// </summary>
public sealed class SystemdUnitTests
{
    [Fact]
    public async Task Unit_CheckedBySystemdAnalyze_HasNoWarning()
    {
        const string analyzer = "/usr/bin/systemd-analyze";
        File.Exists(analyzer).ShouldBeTrue("systemd-analyze is missing (./test.sh installs the systemd package)");
        var unit = Path.Combine(RepositoryPaths.Root, "deploy", "baliprocess.service");
        var info = new ProcessStartInfo(analyzer, ["verify", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var warnings = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains("baliprocess.service", StringComparison.Ordinal)).ToList();
        warnings.ShouldBeEmpty();
    }
}
