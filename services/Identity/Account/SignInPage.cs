using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.Identity.Users;
using Platform.ServiceDefaults.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Account;

/// <summary>
/// The identity service's own sign-in page: a plain form (no script at all), a session cookie of its
/// own, and a return only to a path on this site.
/// </summary>
public static class SignInPage
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Path = "/account/sign-in";

    public static void MapSignInPage(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Page(context, antiforgery, LocalReturnPath.OrHome(returnUrl), error: null, StatusCodes.Status200OK)).AllowAnonymous().ExcludeFromDescription();

        app.MapPost(Path, SignInAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, IdentityDbContext db, Passwords passwords, [FromForm] SignInForm form, CancellationToken cancellationToken)
    {
        var returnUrl = LocalReturnPath.OrHome(form.ReturnUrl);
        var user = string.IsNullOrEmpty(form.Username) || form.Username.Length > PlatformUser.SubjectMaxLength
            ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == form.Username, cancellationToken);
        if (user is null || !passwords.Verify(user, form.Password ?? ""))
        {
            return Page(context, antiforgery, returnUrl, "The user name or password is not right.", StatusCodes.Status400BadRequest);
        }

        var identity = new ClaimsIdentity([new Claim(Claims.Subject, user.Subject)], Scheme, Claims.Subject, Claims.Role);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in – children's social care oversight</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body>
            <main>
            <h1>Sign in</h1>
            {{message}}
            <form method="post" action="{{Path}}">
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
            <p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required maxlength="{{PlatformUser.SubjectMaxLength}}"></p>
            <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

public sealed record SignInForm(string? Username, string? Password, string? ReturnUrl);
