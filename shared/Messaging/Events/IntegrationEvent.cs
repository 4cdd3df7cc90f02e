namespace Platform.Messaging.Events;

/// <summary>
/// A fact one service tells the others. Immutable, named in the past tense, identified by
/// <see cref="EventId"/> (which consumers use to apply it once) and stamped with the time it happened.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The public identifier of what the event is about (a GSS code, a provider id, a contract id).</summary>
    public abstract string Subject { get; }
}
