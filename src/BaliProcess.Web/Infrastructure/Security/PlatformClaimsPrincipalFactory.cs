using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Infrastructure.Security;

/// <summary>Puts the member and agency on the principal so that the access rule never needs another look-up.</summary>
public sealed class PlatformClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PlatformClaims.MemberId, user.MemberId.ToString()));
        if (!string.IsNullOrWhiteSpace(user.Agency))
        {
            identity.AddClaim(new Claim(PlatformClaims.Agency, user.Agency));
        }

        return identity;
    }
}
