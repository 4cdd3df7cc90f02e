using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Mints the development tokens that <c>./platform token</c> prints and the tests use.</summary>
public static class DevelopmentTokens
{
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static SymmetricSecurityKey KeyFrom(JwtSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            throw new InvalidOperationException($"{JwtSettings.Section}:SigningKey is not configured.");
        }

        var bytes = Convert.FromBase64String(settings.SigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"{JwtSettings.Section}:SigningKey must be at least 32 bytes.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    public static string Create(
        JwtSettings settings,
        string role,
        IEnumerable<string>? localAuthorities = null,
        string? providerId = null,
        string? subject = null,
        TimeSpan? lifetime = null,
        TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject ?? $"dev-{role}"),
            new(PlatformClaims.Role, role),
        };
        claims.AddRange((localAuthorities ?? []).Select(la => new Claim(PlatformClaims.LocalAuthority, la)));
        if (providerId is not null)
        {
            claims.Add(new Claim(PlatformClaims.Provider, providerId));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(KeyFrom(settings), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
