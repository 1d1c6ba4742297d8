using System.Net;
using BaliProcess.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

/// <summary>
/// Two platform nodes on one database share the data-protection key ring kept in that database, so a cookie issued by
/// one is read by the other; the ring is stored encrypted with the key file, never as plain key material.
/// </summary>
public abstract class SharedDataProtectionTests(DatabaseProvider provider)
{
    [Fact]
    public async Task SessionCookie_IssuedByNodeA_IsAcceptedByNodeB()
    {
        await using var nodeA = new StandalonePlatform(provider);
        await using var nodeB = new StandalonePlatform(provider, nodeA.ConnectionString, Path.Combine(Path.GetTempPath(), $"bp-test-index-{Guid.NewGuid():N}"));
        var cookies = new CookieContainer();
        var user = await nodeA.CreateUserAsync("IDN");
        await nodeA.SignInAsync(user, nodeA.CreateDefaultClient(new CookieContainerHandler(cookies)));

        var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));
        var me = await onB.GetAsync("/api/me");

        me.StatusCode.ShouldBe(HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        (await me.Content.ReadAsStringAsync()).ShouldContain(user.Id.ToString());
    }

    [Fact]
    public async Task KeyRing_AfterStart_IsInTheDatabaseAndEncrypted()
    {
        await using var node = new StandalonePlatform(provider);
        await node.SignInNewUserAsync("IDN");

        var keys = await node.WithDbAsync(db => db.Set<DataProtectionKey>().AsNoTracking().ToListAsync());

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml != null && k.Xml.Contains("KeyFileXmlDecryptor") && !k.Xml.Contains("<masterKey"));
    }
}

public sealed class SharedDataProtectionSqliteTests() : SharedDataProtectionTests(DatabaseProvider.Sqlite);

[Collection(PostgresCollection.Name)]
// The collection fixture starts the throwaway cluster the nodes connect to.
public sealed class SharedDataProtectionPostgresTests(PostgresPlatform cluster) : SharedDataProtectionTests(cluster.Provider);
