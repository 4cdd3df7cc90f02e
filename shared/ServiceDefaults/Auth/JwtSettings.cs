namespace Platform.ServiceDefaults.Auth;

/// <summary>Token settings, bound from <c>Authentication:Jwt</c> (env <c>Authentication__Jwt__SigningKey</c> and so on).</summary>
public sealed class JwtSettings
{
    public const string Section = "Authentication:Jwt";

    public string Issuer { get; set; } = "platform-dev";

    public string Audience { get; set; } = "platform";

    /// <summary>Base64 of at least 32 random bytes; HMAC-SHA256 signing key.</summary>
    public string SigningKey { get; set; } = "";
}
