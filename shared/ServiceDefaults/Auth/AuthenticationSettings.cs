namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Whose tokens the service accepts, bound from <c>Authentication</c>: the OpenID Connect authority whose
/// published keys alone validate them (the platform's identity service in development, an outside
/// provider such as DfE Sign-in or Entra ID in production), and how its claims map onto the platform's.
/// </summary>
public sealed class AuthenticationSettings
{
    public const string Section = "Authentication";

    /// <summary>The issuer's address; its discovery document and JWKS are read from there.</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "platform";

    /// <summary>The only signing algorithms accepted; a token signed otherwise (<c>none</c>, <c>HS256</c>) is refused.</summary>
    public List<string> Algorithms { get; set; } = ["RS256"];

    /// <summary>The discovery document must come over TLS; off only on loopback (development, tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How often the authority's keys are read again.</summary>
    public TimeSpan MetadataRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon they may be read again when a token names a key not yet held (a rotation).</summary>
    public TimeSpan MetadataRefreshOnUnknownKey { get; set; } = TimeSpan.FromSeconds(30);

    public ClaimMapping Claims { get; set; } = new();
}

/// <summary>Which of the authority's claims carry the platform's (its own names by default) and how role values translate.</summary>
public sealed class ClaimMapping
{
    public string Subject { get; set; } = "sub";

    public string Role { get; set; } = PlatformClaims.Role;

    public string LocalAuthority { get; set; } = PlatformClaims.LocalAuthority;

    public string Provider { get; set; } = PlatformClaims.Provider;

    /// <summary>An outside role value and the platform role it means (<c>"Platform.DfE": "dfe"</c>); empty when the values are the platform's own.</summary>
    public Dictionary<string, string> RoleValues { get; set; } = [];

    public bool IsPlatformOwn =>
        Subject == "sub" && Role == PlatformClaims.Role && LocalAuthority == PlatformClaims.LocalAuthority && Provider == PlatformClaims.Provider && RoleValues.Count == 0;
}
