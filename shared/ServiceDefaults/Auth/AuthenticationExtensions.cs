using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation against the configured authority's published keys (algorithm pinned,
    /// keys read again on rotation), one policy per role, and any combination of roles an endpoint names.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AuthenticationSettings.Section).Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        builder.Services.AddSingleton(settings);
        var validatedTokens = new ValidatedTokens(TimeProvider.System);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = settings.Authority;
                options.Audience = settings.Audience;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                if (settings.Authority is { Length: > 0 } authority)
                {
                    options.ConfigurationManager = new PublishedKeys(
                        $"{authority.TrimEnd('/')}/.well-known/openid-configuration",
                        new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
                        settings,
                        TimeProvider.System);
                }

                options.RefreshOnIssuerKeyNotFound = true;
                options.MapInboundClaims = false;

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = settings.Audience,
                    ValidAlgorithms = settings.Algorithms,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateIssuerSigningKey = true,
                    RoleClaimType = PlatformClaims.Role,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = validatedTokens.SignInIfKnown,
                    OnTokenValidated = context =>
                    {
                        if (!settings.Claims.IsPlatformOwn && context.Principal is { } principal)
                        {
                            context.Principal = ClaimTranslation.Translate(principal, settings.Claims);
                        }

                        validatedTokens.Remember(context);
                        return Task.CompletedTask;
                    },
                    // 401 and 403 are written as problem details by the status-code-pages middleware.
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        return Task.CompletedTask;
                    },
                };
            });

        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, policy => policy.RequireAuthenticatedUser())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        }

        builder.Services.AddSingleton<IAuthorizationPolicyProvider, AnyOfRolesPolicyProvider>();
        return builder;
    }
}
