namespace Platform.Messaging.Retention;

/// <summary>Bound from <c>Messaging:Retention</c>: how long delivered bookkeeping is kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Messaging:Retention";

    /// <summary>How long an outbox row is kept after it was published (for tracing what was sent).</summary>
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a consumer remembers an event it applied: a redelivery later than this would be applied
    /// again, so it is far longer than any broker redelivery or re-drive.
    /// </summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the cleanup runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one statement deletes, so no pass holds a long transaction.</summary>
    public int Chunk { get; set; } = 5000;
}
