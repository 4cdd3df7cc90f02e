namespace Platform.Messaging.DeadLetters;

/// <summary>A message a consumer gave up on, as it waits in an error queue.</summary>
public sealed record DeadLetter(
    string Queue,
    string? MessageId,
    string? MessageType,
    string? Reason,
    string? ExceptionType,
    DateTimeOffset? FaultedAt);

/// <summary>An event the outbox relay gave up on, set aside in the service's database.</summary>
public sealed record SetAsideEvent(long Sequence, Guid EventId, string EventType, int Attempts, string? LastError, DateTimeOffset SetAsideAt);

/// <summary>One error queue: how many messages wait in it and the first of them.</summary>
public sealed record ErrorQueue(string Queue, uint Messages, IReadOnlyList<DeadLetter> First);

/// <summary>What an operator sees: every error queue of the service and every set-aside outbox row.</summary>
public sealed record DeadLetterReport(IReadOnlyList<ErrorQueue> ErrorQueues, IReadOnlyList<SetAsideEvent> SetAsideEvents)
{
    public long Total => ErrorQueues.Sum(queue => (long)queue.Messages) + SetAsideEvents.Count;
}

/// <summary>What a re-drive moved back: messages to their queues, set-aside rows to the outbox's line.</summary>
public sealed record RedriveResult(IReadOnlyDictionary<string, int> Messages, int SetAsideEvents);
