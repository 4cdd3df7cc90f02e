using System.Security.Claims;

namespace Platform.ServiceDefaults.Auth;

/// <summary>An outside authority's claims, put in the platform's terms once the token is validated.</summary>
public static class ClaimTranslation
{
    public static ClaimsPrincipal Translate(ClaimsPrincipal principal, ClaimMapping mapping)
    {
        var claims = new List<Claim>();
        if (principal.FindFirst(mapping.Subject) is { } subject)
        {
            claims.Add(new Claim("sub", subject.Value));
        }

        foreach (var role in principal.FindAll(mapping.Role))
        {
            // An outside value not in the map means nothing here, unless it is a platform role already.
            var platformRole = mapping.RoleValues.TryGetValue(role.Value, out var mapped) ? mapped : role.Value;
            if (Roles.All.Contains(platformRole))
            {
                claims.Add(new Claim(PlatformClaims.Role, platformRole));
            }
        }

        claims.AddRange(principal.FindAll(mapping.LocalAuthority).Select(claim => new Claim(PlatformClaims.LocalAuthority, claim.Value)));
        claims.AddRange(principal.FindAll(mapping.Provider).Select(claim => new Claim(PlatformClaims.Provider, claim.Value)));
        claims.AddRange(principal.FindAll("scope"));
        var authenticationType = principal.Identity?.AuthenticationType ?? "Bearer";
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "sub", PlatformClaims.Role));
    }
}
