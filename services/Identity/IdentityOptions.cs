namespace Platform.Identity;

/// <summary>The identity service's settings, bound from <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer tokens name, the address validators are configured with; the request's own address when unset.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Refuses requests that did not arrive over TLS; off only where everything is on loopback (development, tests).</summary>
    public bool RequireTransportSecurity { get; set; } = true;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The resource owner password grant, for <c>./platform token</c> and tests against seeded users; never
    /// in production, where people sign in with the code flow.
    /// </summary>
    public bool AllowPasswordGrant { get; set; }

    /// <summary>When set, a user <c>operator</c> with this password exists (the first person who can add others).</summary>
    public string? OperatorPassword { get; set; }

    /// <summary>The dashboard's client, registered when its secret is given.</summary>
    public DashboardClientOptions Dashboard { get; set; } = new();
}

public sealed class DashboardClientOptions
{
    public const string ClientId = "dashboard";

    public string? Secret { get; set; }

    /// <summary>Where the gateway receives the code (its <c>/signin-oidc</c>, under each name the gateway is reached by).</summary>
    public List<Uri> RedirectUris { get; set; } = [];

    /// <summary>Where the gateway is sent after signing out.</summary>
    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
