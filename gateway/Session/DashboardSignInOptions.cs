namespace Platform.Gateway.Session;

/// <summary>How the dashboard signs people in, bound from <c>DashboardSignIn</c>: the gateway is a confidential OpenID Connect client.</summary>
public sealed class DashboardSignInOptions
{
    public const string Section = "DashboardSignIn";

    public string ClientId { get; set; } = "dashboard";

    /// <summary>The client's secret at the authority; without it the dashboard cannot sign anyone in.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The authority people sign in at; the one whose tokens are accepted (<c>Authentication:Authority</c>) when unset.</summary>
    public string? Authority { get; set; }

    /// <summary>The scopes asked for: the platform's APIs.</summary>
    public List<string> Scopes { get; set; } = ["platform"];
}
