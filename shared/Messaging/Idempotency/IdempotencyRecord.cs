namespace Platform.Messaging.Idempotency;

/// <summary>
/// The first response to a POST sent with an <c>Idempotency-Key</c>, kept for the caller who sent it,
/// committed in the transaction of the request's own effect, and replayed for a retry.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent the key (the token's subject): keys of different callers never meet.</summary>
    public string Caller { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, path and body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public int Status { get; set; }

    public string? Location { get; set; }

    public string? ContentType { get; set; }

    public byte[] Body { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
