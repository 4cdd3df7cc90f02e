using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway.Session;

/// <summary>
/// People sign in to the dashboard with OpenID Connect (authorization code with PKCE) and the gateway
/// keeps their access token in its own session cookie (HttpOnly, SameSite=Lax, Secure on TLS, the token
/// encrypted inside): page script never holds a token. A request that carries the session and no
/// Authorization header goes on with the session's token, so the API, the proxy and the dashboard's
/// calls to the services see a bearer token as from any other client.
/// </summary>
public static class DashboardSession
{
    public const string CookieScheme = "dashboard-session";
    public const string SignInScheme = "dashboard-oidc";

    public static IHostApplicationBuilder AddDashboardSession(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DashboardSignInOptions.Section).Get<DashboardSignInOptions>() ?? new DashboardSignInOptions();
        var accepted = builder.Configuration.GetSection(AuthenticationSettings.Section).Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "dashboard-session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // An API call without a session is a 401 the page acts on, never a redirect it would follow blindly.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(SignInScheme, oidc =>
            {
                oidc.Authority = options.Authority ?? accepted.Authority;
                oidc.RequireHttpsMetadata = accepted.RequireHttpsMetadata;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back on a top-level GET, so the Lax cookies of the attempt come with it.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.SignInScheme = CookieScheme;
                oidc.SignOutScheme = CookieScheme;
                oidc.Scope.Clear();
                oidc.Scope.Add(OpenIdConnectScope.OpenId);
                foreach (var scope in options.Scopes)
                {
                    oidc.Scope.Add(scope);
                }

                oidc.TokenValidationParameters.NameClaimType = "sub";
                oidc.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.Events.OnTicketReceived = context =>
                {
                    // The session lasts as long as the access token it holds; then the person signs in again.
                    if (context.Properties?.GetTokenValue("expires_at") is { } expiresAt)
                    {
                        context.Properties.ExpiresUtc = DateTimeOffset.Parse(expiresAt, CultureInfo.InvariantCulture);
                    }

                    return Task.CompletedTask;
                };
            });
        return builder;
    }

    /// <summary>Before authentication: a browser's session becomes the request's bearer token.</summary>
    public static WebApplication UseDashboardSession(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey("dashboard-session"))
            {
                var session = await context.AuthenticateAsync(CookieScheme);
                if (session.Succeeded && session.Properties?.GetTokenValue("access_token") is { } token)
                {
                    // A cookie rides along on requests other sites start; a change is made only from the dashboard's own pages.
                    if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                        && context.Request.Headers["Sec-Fetch-Site"] != "same-origin")
                    {
                        await Results.Problem(
                            "A change made with the dashboard's session must come from the dashboard's own pages.",
                            statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.").ExecuteAsync(context);
                        return;
                    }

                    context.Request.Headers.Authorization = $"Bearer {token}";
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary><c>/sign-in</c> starts the code flow and returns to a path of this site; <c>/sign-out</c> ends both sessions.</summary>
    public static WebApplication MapSessionEndpoints(this WebApplication app)
    {
        app.MapGet("/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnPath.OrHome(returnUrl) }, [SignInScheme]))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/sign-out", () =>
            Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieScheme, SignInScheme]))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
