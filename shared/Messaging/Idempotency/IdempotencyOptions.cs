namespace Platform.Messaging.Idempotency;

/// <summary>Bound from <c>Idempotency</c>: how long a key and its first response are kept.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
