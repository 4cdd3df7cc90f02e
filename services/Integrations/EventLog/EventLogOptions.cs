namespace Platform.Integrations.EventLog;

/// <summary>Bound from <c>Integrations:EventLog</c>.</summary>
public sealed class EventLogOptions
{
    public const string Section = "Integrations:EventLog";

    /// <summary>How long an event stays in the log (and can be read, streamed or replayed) after it happened.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often entries past their retention are removed.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a stream looks for entries another replica appended, when this one appended none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a quiet stream waits before a heartbeat, so proxies keep the connection.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);
}
