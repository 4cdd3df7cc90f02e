namespace Platform.Providers.Domain;

public enum TrustRegistrationStatus
{
    Requested,
}

/// <summary>
/// P5: a children's services trust the registry is to register for a council, opened when an
/// intervention's outcome is a new trust (T3).
/// </summary>
public sealed class TrustRegistration
{
    public Guid Id { get; private set; }

    /// <summary>The council whose services the trust will run.</summary>
    public string LocalAuthority { get; private set; } = "";

    public Guid InterventionCaseId { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    public TrustRegistrationStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    private TrustRegistration()
    {
    }

    public static TrustRegistration Open(string localAuthority, Guid caseId, DateOnly decidedOn, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            InterventionCaseId = caseId,
            DecidedOn = decidedOn,
            Status = TrustRegistrationStatus.Requested,
            OpenedAt = now,
        };
}
