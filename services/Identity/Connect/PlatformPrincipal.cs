using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Identity.Clients;
using Platform.Identity.Users;
using Platform.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>What a token says about its holder: the platform's claims, for a person or an integrator's client.</summary>
public static class PlatformPrincipal
{
    /// <summary>The audience of every access token: the platform's APIs.</summary>
    public const string Resource = "platform";

    public static ClaimsPrincipal ForUser(PlatformUser user, IEnumerable<string> scopes) =>
        Build(user.Subject, user.Role, user.LocalAuthorities, user.ProviderId, eventTypes: [], scopes);

    public static ClaimsPrincipal ForClient(string clientId, ClientGrants grants, IEnumerable<string> scopes) =>
        Build(clientId, grants.Role, grants.LocalAuthorities, providerId: null, grants.EventTypes ?? [], scopes);

    private static ClaimsPrincipal Build(
        string subject, string role, IEnumerable<string> localAuthorities, Guid? providerId, IEnumerable<string> eventTypes, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.AddClaim(new Claim(PlatformClaims.Role, role));
        foreach (var localAuthority in localAuthorities)
        {
            identity.AddClaim(new Claim(PlatformClaims.LocalAuthority, localAuthority));
        }

        if (providerId is { } provider)
        {
            identity.AddClaim(new Claim(PlatformClaims.Provider, provider.ToString()));
        }

        foreach (var eventType in eventTypes)
        {
            identity.AddClaim(new Claim(PlatformClaims.EventType, eventType));
        }

        identity.SetScopes(scopes);
        identity.SetResources(Resource);
        // Every claim goes in the access token; the subject and role in the identity token too.
        identity.SetDestinations(claim => claim.Type is Claims.Subject or PlatformClaims.Role
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
