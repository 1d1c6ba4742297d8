using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Accounts;

/// <summary>The platform's roles exist from the first start, so the first accounts of a new installation never race to create them.</summary>
public abstract class RoleSeedingTests<TPlatform>
    where TPlatform : PlatformFactory, new()
{
    [Fact]
    public async Task FirstStart_NoAccountYet_EveryRoleExists()
    {
        await using var platform = new TPlatform();

        var roles = await platform.WithDbAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());

        roles.Order(StringComparer.Ordinal).ShouldBe(Roles.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NewInstallation_AccountsWithRolesCreatedAtOnce_AllSucceed()
    {
        await using var platform = new TPlatform();
        string[] codes = ["IDN", "AUS", "THA", "MYS", "FJI", "NZL"];

        var users = await Task.WhenAll(codes.Select(code => platform.CreateUserAsync(code, [Roles.MemberOfficer, Roles.Analyst])));

        users.Length.ShouldBe(codes.Length);
        (await platform.WithDbAsync(db => db.UserRoles.CountAsync())).ShouldBe(codes.Length * 2);
    }
}

public sealed class RoleSeedingSqliteTests : RoleSeedingTests<SqlitePlatform>;

public sealed class RoleSeedingPostgresTests : RoleSeedingTests<PostgresPlatform>;
