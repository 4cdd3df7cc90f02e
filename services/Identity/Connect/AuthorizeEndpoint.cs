using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Account;
using Platform.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Connect;

/// <summary>
/// The authorization endpoint (code flow with PKCE, checked by OpenIddict before this runs): a person
/// signed in here gets a code for the client; anyone else is sent to the sign-in page and back.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void MapAuthorizeEndpoint(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await context.AuthenticateAsync(SignInPage.Scheme);
        var subject = session.Principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        if (user is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody is signed in.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString },
                [SignInPage.Scheme]);
        }

        return Results.SignIn(PlatformPrincipal.ForUser(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Signs the person out here too, then OpenIddict sends them to the client's registered address.</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(SignInPage.Scheme);
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
