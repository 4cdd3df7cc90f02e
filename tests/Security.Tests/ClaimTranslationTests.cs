using System.Security.Claims;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>An outside provider's claims (Entra ID's <c>roles</c>, an organisation code claim) become the platform's.</summary>
public sealed class ClaimTranslationTests
{
    private static readonly ClaimMapping Entra = new()
    {
        Subject = "oid",
        Role = "roles",
        LocalAuthority = "org_gss",
        RoleValues = new() { ["Platform.Council"] = Roles.Council, ["Platform.DfE"] = Roles.Dfe },
    };

    [Fact]
    public void Mapped_claims_become_the_platforms_and_unknown_roles_mean_nothing()
    {
        var outside = new ClaimsPrincipal(new ClaimsIdentity(
            [new("oid", "a1b2"), new("roles", "Platform.Council"), new("roles", "Tenant.Admin"), new("org_gss", "E08000025"), new("role", "dfe")], "Bearer"));

        var translated = ClaimTranslation.Translate(outside, Entra);

        translated.FindFirst("sub")!.Value.ShouldBe("a1b2");
        translated.FindAll(PlatformClaims.Role).Select(claim => claim.Value).ShouldBe([Roles.Council]);
        translated.IsInRole(Roles.Council).ShouldBeTrue();
        translated.IsInRole(Roles.Dfe).ShouldBeFalse("a claim under the platform's own name is not read when the mapping names another");
        translated.LocalAuthorities().ShouldBe(["E08000025"]);
    }

    [Fact]
    public void The_platforms_own_names_need_no_translation()
    {
        new ClaimMapping().IsPlatformOwn.ShouldBeTrue();
        Entra.IsPlatformOwn.ShouldBeFalse();
    }
}
