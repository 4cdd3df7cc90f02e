namespace Platform.Providers.Domain;

public enum TrustRegistrationStatus
{
    Requested,
    Operating,

    /// <summary>The trust no longer runs the council's services: its rights over the authority's records end.</summary>
    Ended,
}

/// <summary>
/// P5: a children's services trust the registry is to register for a council, opened when an
/// intervention's outcome is a new trust (T3), or by the council itself outside any intervention
/// (Achieving for Children was set up by its councils in 2014). A trust serving several councils
/// has one registration for each.
/// </summary>
public sealed class TrustRegistration
{
    public Guid Id { get; private set; }

    /// <summary>The council whose services the trust will run.</summary>
    public string LocalAuthority { get; private set; } = "";

    /// <summary>The intervention case whose outcome is this trust; none when the council set the trust up itself.</summary>
    public Guid? InterventionCaseId { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    public TrustRegistrationStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The registered organisation that runs the council's services as its trust, once operating.</summary>
    public Guid? TrustId { get; private set; }

    public DateOnly? OperatingFrom { get; private set; }

    /// <summary>The last day the trust ran the council's services, once it has stopped.</summary>
    public DateOnly? ServedUntil { get; private set; }

    public string? EndReason { get; private set; }

    /// <summary>PostgreSQL's row version (xmin), answered as ETag: an establishment sent for an older one is refused.</summary>
    public uint Version { get; private set; }

    private TrustRegistration()
    {
    }

    public static TrustRegistration Open(string localAuthority, Guid? caseId, DateOnly decidedOn, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            InterventionCaseId = caseId,
            DecidedOn = decidedOn,
            Status = TrustRegistrationStatus.Requested,
            OpenedAt = now,
        };

    /// <summary>
    /// P5: the trust is a not-for-profit body approved for the full scope of the council's children's services;
    /// from <paramref name="operatingFrom"/> it runs the council's services.
    /// </summary>
    public void StartOperating(Registry.Organisation trust, DateOnly operatingFrom)
    {
        if (Status != TrustRegistrationStatus.Requested)
        {
            throw new Registry.RegistryRuleException("P5", "This trust registration is already operating.", []);
        }

        if (Registry.LegalForm.IsProfitDistributing(trust.Type, trust.Subtype))
        {
            throw new Registry.RegistryRuleException("P5", $"{trust.Name} may distribute profit: a children's services trust is not-for-profit.", []);
        }

        var missing = Registry.ServiceScopes.TrustScope
            .Where(scope => trust.Scopes.All(application => application.Scope != scope || application.Status != Registry.ApplicationStatus.Approved))
            .ToList();
        if (missing.Count > 0)
        {
            throw new Registry.RegistryRuleException("P5", $"{trust.Name} is not approved for the full scope of a council's children's services: {string.Join(", ", missing)} missing.", []);
        }

        TrustId = trust.Id;
        OperatingFrom = operatingFrom;
        Status = TrustRegistrationStatus.Operating;
    }

    /// <summary>P5: the trust stops running the council's services after <paramref name="lastDay"/> (returned to the council, or moved on).</summary>
    public void End(DateOnly lastDay, string reason)
    {
        if (Status != TrustRegistrationStatus.Operating)
        {
            throw new Registry.RegistryRuleException("P5", Status == TrustRegistrationStatus.Ended
                ? "This trust has already stopped running the council's services."
                : "This trust has not started running the council's services.", []);
        }

        if (lastDay < OperatingFrom)
        {
            throw new Registry.RegistryRuleException("P5", $"The last day of service is on or after the day the trust began operating ({OperatingFrom:yyyy-MM-dd}).", []);
        }

        ServedUntil = lastDay;
        EndReason = reason;
        Status = TrustRegistrationStatus.Ended;
    }
}
