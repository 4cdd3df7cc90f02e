using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Clients;
using Platform.Identity.Data;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// The token endpoint, once OpenIddict has checked the client and the grant: who the token is for. A code
/// or refresh token is exchanged for the person's claims as they are now, so rights taken away end at
/// the next refresh at the latest.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this WebApplication app) =>
        app.MapPost("/connect/token", IssueAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> IssueAsync(
        HttpContext context, IdentityDbContext db, Passwords passwords, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsPasswordGrantType())
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == request.Username, cancellationToken);
            return user is not null && passwords.Verify(user, request.Password ?? "")
                ? SignIn(PlatformPrincipal.ForUser(user, request.GetScopes()))
                : Refuse("The user name or password is not right.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var client = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken);
            var grants = client is null ? null : await ClientGrants.ReadAsync(applications, client, cancellationToken);
            return grants is null
                ? Refuse("The client holds no grants.", Errors.UnauthorizedClient)
                : SignIn(PlatformPrincipal.ForClient(request.ClientId!, grants, request.GetScopes()));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = granted.Principal?.GetClaim(Claims.Subject);
            var user = subject is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken);
            return user is null
                ? Refuse("The person this grant was for can no longer sign in.")
                : SignIn(PlatformPrincipal.ForUser(user, granted.Principal!.GetScopes()));
        }

        return Refuse("The grant type is not supported.", Errors.UnsupportedGrantType);
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string description, string error = Errors.InvalidGrant) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
