namespace Platform.Integrations.Webhooks;

public enum SubscriptionStatus
{
    Active,
    Paused,
    Disabled,
}

/// <summary>
/// An integrator's subscription: the events it wants (within the grants it held when it subscribed),
/// where they go, the secret they are signed with, and how far delivery has got. Events go out in log
/// order, one at a time, so a subscriber sees every subject's events in the order they happened; the
/// next is sent only once the one before it is taken (a 2xx) or given up with the subscription.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The integrator's client (its token's subject): only it sees and changes the subscription.</summary>
    public string Owner { get; init; } = "";

    public string Url { get; init; } = "";

    /// <summary>CloudEvents types delivered; null for every type.</summary>
    public List<string>? EventTypes { get; init; }

    /// <summary>Authorities whose events are delivered; null for every authority (and events about none).</summary>
    public List<string>? LocalAuthorities { get; init; }

    public string Secret { get; private set; } = "";

    /// <summary>The secret before the last rotation, still signing beside the new one until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretUntil { get; private set; }

    public SubscriptionStatus Status { get; private set; } = SubscriptionStatus.Active;

    public string? DisabledReason { get; private set; }

    /// <summary>The log position delivered through: the next delivery is the first matching entry after it.</summary>
    public long Cursor { get; private set; }

    /// <summary>Failed attempts at the event now due; none once it is taken.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public string? LeasedBy { get; private set; }

    public DateTimeOffset? LeasedUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public uint Version { get; private set; }

    public static WebhookSubscription Create(string owner, string url, List<string>? eventTypes, List<string>? localAuthorities, string secret, long cursor, DateTimeOffset now) =>
        new()
        {
            Owner = owner,
            Url = url,
            EventTypes = eventTypes,
            LocalAuthorities = localAuthorities,
            Secret = secret,
            Cursor = cursor,
            NextAttemptAt = now,
            CreatedAt = now,
        };

    /// <summary>The secrets that sign a delivery now: the current one, and the one before while the rotation overlaps.</summary>
    public IEnumerable<string> SigningSecrets(DateTimeOffset now)
    {
        yield return Secret;
        if (PreviousSecret is not null && PreviousSecretUntil > now)
        {
            yield return PreviousSecret;
        }
    }

    public void Rotate(string secret, DateTimeOffset now, TimeSpan overlap)
    {
        PreviousSecret = Secret;
        PreviousSecretUntil = now + overlap;
        Secret = secret;
    }

    public void Pause() => Status = SubscriptionStatus.Paused;

    /// <summary>Active again (a disabled subscription too), its next event due at once and counted afresh.</summary>
    public void Resume(DateTimeOffset now)
    {
        Status = SubscriptionStatus.Active;
        DisabledReason = null;
        ClearFailures(now);
    }

    /// <summary>Delivery goes back to the first matching event after <paramref name="cursor"/>.</summary>
    public void ReplayFrom(long cursor, DateTimeOffset now)
    {
        Cursor = cursor;
        ClearFailures(now);
    }

    public void Delivered(long position, DateTimeOffset now)
    {
        Cursor = Math.Max(Cursor, position);
        ClearFailures(now);
    }

    /// <summary>Entries through <paramref name="position"/> hold nothing for this subscription.</summary>
    public void PassedOver(long position) => Cursor = Math.Max(Cursor, position);

    /// <summary>A failed attempt: the next after <paramref name="retryIn"/>, or the subscription disabled once it has failed for <paramref name="retryFor"/>.</summary>
    public void Failed(string error, DateTimeOffset now, TimeSpan retryIn, TimeSpan retryFor)
    {
        Attempts++;
        FailingSince ??= now;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (now - FailingSince.Value >= retryFor)
        {
            Disable($"Every delivery has failed since {FailingSince.Value:u} ({Attempts} attempts); the last: {LastError}", now);
            return;
        }

        NextAttemptAt = now + retryIn;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        Status = SubscriptionStatus.Disabled;
        DisabledReason = reason.Length > 1000 ? reason[..1000] : reason;
        NextAttemptAt = now;
    }

    public void Release()
    {
        LeasedBy = null;
        LeasedUntil = null;
    }

    private void ClearFailures(DateTimeOffset now)
    {
        Attempts = 0;
        FailingSince = null;
        LastError = null;
        NextAttemptAt = now;
    }
}
