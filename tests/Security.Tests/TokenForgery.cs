using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>Tokens an attacker could make: the identity service's claims and key id, but not its private key.</summary>
public static class TokenForgery
{
    /// <summary>A copy of a real token's header and claims, signed with a symmetric key (the old shared-secret scheme).</summary>
    public static string SignedWithSecret(string genuine) =>
        Resign(genuine, new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256));

    /// <summary>The same claims signed with an RSA key of the attacker's own, under the genuine key id.</summary>
    public static string SignedWithAnotherKey(string genuine)
    {
        using var rsa = RSA.Create(2048);
        return Resign(genuine, new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)), SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string genuine)
    {
        var token = new JsonWebToken(genuine);
        var header = JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = token.Kid });
        return $"{Base64UrlEncoder.Encode(header)}.{genuine.Split('.')[1]}.";
    }

    /// <summary>A genuine token's claims with the role raised to DfE's, the signature left as it was.</summary>
    public static string WithRaisedRole(string genuine)
    {
        var parts = genuine.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        claims[PlatformClaims.Role] = JsonSerializer.SerializeToElement(Roles.Dfe);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}.{parts[2]}";
    }

    private static string Resign(string genuine, SigningCredentials credentials)
    {
        var token = new JsonWebToken(genuine);
        credentials.Key.KeyId = token.Kid;
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(genuine.Split('.')[1]));
        return new JsonWebTokenHandler().CreateToken(payload, credentials);
    }

    public static ClaimsIdentity Claims(string token) => new(new JsonWebToken(token).Claims);
}
