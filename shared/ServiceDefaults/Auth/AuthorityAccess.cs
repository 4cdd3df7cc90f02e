using System.Security.Claims;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Object-level checks: which authorities' records the caller may see or change.</summary>
public static class AuthorityAccess
{
    public static IReadOnlyList<string> LocalAuthorities(this ClaimsPrincipal user) =>
        user.FindAll(PlatformClaims.LocalAuthority).Select(claim => claim.Value).ToList();

    /// <summary>The organisations a <c>provider</c> acts for (its provider ids); none for other roles.</summary>
    public static IReadOnlyList<Guid> Providers(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Provider)
            ? user.FindAll(PlatformClaims.Provider).Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList()
            : [];

    /// <summary>
    /// DfE and Ofsted see every authority; a council only its own; a commissioner only the
    /// authorities of their appointments; other roles none.
    /// </summary>
    public static bool MayAccessAuthority(this ClaimsPrincipal user, string localAuthority)
    {
        if (user.IsInRole(Roles.Dfe) || user.IsInRole(Roles.Ofsted))
        {
            return true;
        }

        return (user.IsInRole(Roles.Council) || user.IsInRole(Roles.Commissioner))
            && user.LocalAuthorities().Contains(localAuthority, StringComparer.OrdinalIgnoreCase);
    }
}
