namespace Platform.Messaging.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Whether this instance runs a relay (another instance may do the publishing).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>Rows one relay locks and publishes per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the relay looks for rows when nothing has woken it (other instances' writes, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirmation before the batch is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Attempts after which a row that fails for a reason of its own (it cannot be read, the broker
    /// refuses it) is set aside, so the rows behind it go out; the broker being unreachable does not count.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Longest pause between attempts while the broker is unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
