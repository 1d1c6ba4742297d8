using System.Text;
using System.Text.RegularExpressions;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Browser.Tests.Infrastructure;

/// <summary>
/// The platform on a fresh SQLite database, served by Kestrel on a free loopback port (WebApplicationFactory.UseKestrel)
/// so that a real browser can reach it. What the platform prints on the console while it starts is kept, so that a test
/// can read the one-time set-up link of a new installation as an operator does.
/// </summary>
public sealed partial class BrowserPlatform : PlatformFactory
{
    private string startupOutput = "";

    // A port chosen before the start, so that the public address (the passkey relying party) can name it. WebAuthn
    // refuses IP addresses as relying party, hence "localhost" rather than 127.0.0.1.
    private readonly int port = FreeLoopbackPort();

    public BrowserPlatform()
        : base(DatabaseProvider.Sqlite)
    {
        UseKestrel(port);
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Platform:PublicBaseUrl", $"http://localhost:{port}")];

    private static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var free = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }

    /// <summary>The server's own address, for example http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the server (once), copying the console output of its start into <see cref="startupOutput"/>.</summary>
    public void Start()
    {
        var console = Console.Out;
        var captured = new StringWriter(new StringBuilder());
        Console.SetOut(new TeeWriter(console, captured));
        try
        {
            StartServer();
        }
        finally
        {
            Console.SetOut(console);
        }

        startupOutput = captured.ToString();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        _ = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = $"http://localhost:{port}";
    }

    /// <summary>The path and query of the set-up link that the platform printed at start ("/Accounts/Setup?token=...").</summary>
    public string SetupLinkPath()
    {
        var match = SetupLink().Match(startupOutput);
        match.Success.ShouldBeTrue($"The platform printed no set-up link while it started:{Environment.NewLine}{startupOutput}");
        return match.Value;
    }

    [GeneratedRegex(@"/Accounts/Setup\?token=[0-9a-fA-F]+")]
    private static partial Regex SetupLink();

    /// <summary>Writes to the real console and to a copy.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            first.Write(buffer, index, count);
            second.Write(buffer, index, count);
        }

        public override void Flush()
        {
            first.Flush();
            second.Flush();
        }
    }
}
