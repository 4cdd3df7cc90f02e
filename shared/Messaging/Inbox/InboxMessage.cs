namespace Platform.Messaging.Inbox;

/// <summary>Records that a consumer has applied an event, in the same transaction as the effect.</summary>
public sealed class InboxMessage
{
    public Guid EventId { get; init; }

    public string Consumer { get; init; } = "";

    public string EventType { get; init; } = "";

    public DateTimeOffset ProcessedAt { get; init; }
}
