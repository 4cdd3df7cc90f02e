namespace Platform.Integrations.Webhooks;

/// <summary>Bound from <c>Integrations:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Integrations:Webhooks";

    /// <summary>How long a subscription keeps retrying an event before it is disabled.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait after the first failure; each later one doubles it (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a rotated-out secret still signs beside the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a replica holds a subscription it is delivering to; another takes it over after this if it stops.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Subscriptions one replica delivers to at once.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How often the dispatcher looks for due deliveries when this replica logged nothing new.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Targets must be https, unless allowed below.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Loopback addresses allowed as targets (development and tests only).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Networks (CIDR) allowed as targets although private, e.g. a council's own network reached over a private link.</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
