using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>
/// The authority of a service tested in-process: an RSA key of the test run's own, whose public half the
/// service is given as its authority's published keys, signing tokens as the identity service would.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test/";
    public const string Audience = "platform";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-signing-key" };

    /// <summary>The service validates against this key alone, as if read from the authority's JWKS.</summary>
    public static void UseTestAuthority(IServiceCollection services)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Configuration = configuration;
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        });
    }

    public static string Create(
        string role, IEnumerable<string>? localAuthorities = null, string? providerId = null, string? subject = null, IEnumerable<string>? eventTypes = null)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject ?? $"test-{role}"),
            new(PlatformClaims.Role, role),
        };
        claims.AddRange((localAuthorities ?? []).Select(la => new Claim(PlatformClaims.LocalAuthority, la)));
        if (providerId is not null)
        {
            claims.Add(new Claim(PlatformClaims.Provider, providerId));
        }

        claims.AddRange((eventTypes ?? []).Select(type => new Claim(PlatformClaims.EventType, type)));

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(2),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }
}
