using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Platform.Identity;
using Platform.Identity.Account;
using Platform.Identity.Clients;
using Platform.Identity.Connect;
using Platform.Identity.Data;
using Platform.Identity.Keys;
using Platform.Identity.Users;
using Platform.Messaging;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
var settings = builder.Configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();
builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

var connectionString = builder.Configuration.GetConnectionString("identity") ?? throw new InvalidOperationException("ConnectionStrings:identity is not configured.");
builder.Services.AddDbContext<IdentityDbContext>(options => options
    .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(0))
    .UseSnakeCaseNamingConvention()
    .UseOpenIddict()
    .AddInterceptors(new FieldBoundsInterceptor()));
builder.Services.AddExceptionHandler<FieldOutOfBoundsExceptionHandler>();
// Two operators keeping one user at once: the second is a 409 saying the record changed, never a 500.
builder.Services.AddExceptionHandler<ConcurrentWriteExceptionHandler>();
builder.Services.AddHealthChecks()
    .AddDbContextCheck<IdentityDbContext>("database", tags: [Extensions.ReadyTag])
    .AddCheck<SigningKeyCheck>("signing-key", tags: [Extensions.ReadyTag]);
// The replicas share the keys that protect the sign-in cookie and the form tokens.
builder.Services.AddDataProtection().PersistKeysToDbContext<IdentityDbContext>().SetApplicationName("platform-identity");

// In this order at start: the schema (in the host's starting phase), then the operator and clients, then the key ring.
builder.Services.AddHostedService<DatabaseMigrator<IdentityDbContext>>();
builder.Services.AddHostedService<IdentityBootstrap>();
builder.Services.AddSingleton<KeyRing>();
builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(services => services.GetRequiredService<KeyRing>());
builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(services => services.GetRequiredService<KeyRing>());
builder.Services.AddSingleton<KeyRotation>();
builder.Services.AddHostedService(services => services.GetRequiredService<KeyRotation>());
builder.Services.AddSingleton<Passwords>();

builder.Services.AddAuthentication().AddCookie(SignInPage.Scheme, cookie =>
{
    cookie.LoginPath = SignInPage.Path;
    cookie.Cookie.Name = "identity-session";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Lax;
    cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
    cookie.SlidingExpiration = false;
});
builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "identity-form");

builder.Services.AddOpenIddict()
    .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
    .AddServer(server =>
    {
        server.SetAuthorizationEndpointUris("connect/authorize")
            .SetTokenEndpointUris("connect/token")
            .SetEndSessionEndpointUris("connect/endsession");
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        server.AllowClientCredentialsFlow();
        server.AllowRefreshTokenFlow();
        if (settings.AllowPasswordGrant)
        {
            server.AllowPasswordFlow();
        }

        server.RegisterScopes(PlatformScopes.Api, Scopes.OpenId, Scopes.OfflineAccess);
        // Resource servers validate plain signed JWTs against the JWKS; nothing else can read an encrypted one.
        server.DisableAccessTokenEncryption();
        server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
        if (settings.Issuer is { } issuer)
        {
            server.SetIssuer(issuer);
        }

        var aspNetCore = server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
        if (!settings.RequireTransportSecurity)
        {
            aspNetCore.DisableTransportSecurityRequirement();
        }
    });

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapSignInPage();
app.MapAuthorizeEndpoint();
app.MapTokenEndpoint();
app.MapUsersApi();
app.MapClientsApi();
app.MapKeysApi();

await app.RunAsync();

public partial class Program;
