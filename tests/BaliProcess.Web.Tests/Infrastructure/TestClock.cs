using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BaliProcess.Web.Tests.Infrastructure;

/// <summary>The real clock, moved forward when a test says so.</summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>A platform whose <see cref="TimeProvider"/> is a <see cref="TestClock"/>, for what expires.</summary>
public abstract class ClockedPlatform(DatabaseProvider provider) : PlatformFactory(provider)
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ClockedSqlitePlatform() : ClockedPlatform(DatabaseProvider.Sqlite);

public sealed class ClockedPostgresPlatform() : ClockedPlatform(DatabaseProvider.Postgres);
