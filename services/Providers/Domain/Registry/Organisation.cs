namespace Platform.Providers.Domain.Registry;

public enum ApplicationStatus
{
    Applied,
    Approved,
    Rejected,
    Suspended,
}

/// <summary>An organisation on the registry: its legal form, identifiers, controller and the scopes it applied for.</summary>
public sealed class Organisation
{
    private readonly List<ScopeApplication> _scopes = [];

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Type { get; private set; } = "";

    public string? Subtype { get; private set; }

    public string? CompanyNumber { get; private set; }

    public string? CharityNumber { get; private set; }

    public string? RegisteredAddress { get; private set; }

    public Guid? ControllerId { get; private set; }

    public decimal? ControllerVotingShare { get; private set; }

    public bool ControllerAppointsBoard { get; private set; }

    /// <summary>
    /// Control over it claimed by whoever registered it, not yet verified by the registrar: until then it
    /// stays out of the claimed controller's group, so an unverified claim cannot flag that group (P3, P4).
    /// </summary>
    public Guid? ClaimedControllerId { get; private set; }

    public decimal? ClaimedControllerVotingShare { get; private set; }

    public bool ClaimedControllerAppointsBoard { get; private set; }

    public ControlLink? ClaimedController =>
        ClaimedControllerId is { } claimed ? new ControlLink(claimed, ClaimedControllerVotingShare, ClaimedControllerAppointsBoard) : null;

    public bool RegisteredAdoptionSociety { get; private set; }

    /// <summary>Whether it finds placements for looked-after children, provides them, or both (P4).</summary>
    public List<string> PlacementRoles { get; private set; } = [];

    /// <summary>Ofsted's unique reference number, for a provider of placements registered under the Care Standards Act 2000.</summary>
    public string? OfstedUrn { get; private set; }

    /// <summary>The ultimate controller at the top of its control chain (P3): organisations sharing it are one corporate group.</summary>
    public Guid GroupId { get; private set; }

    /// <summary>The conflict of interest it is in (P4), when it is in one.</summary>
    public string? ConflictOfInterest { get; private set; }

    /// <summary>Counts the eligibility snapshots published for it, so a reader can ignore one older than what it holds.</summary>
    public int Revision { get; private set; }

    /// <summary>PostgreSQL's row version (xmin), answered as ETag: a change sent for an older one is refused.</summary>
    public uint Version { get; private set; }

    /// <summary>The council that registered it, when a council did.</summary>
    public string? Council { get; private set; }

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public IReadOnlyList<ScopeApplication> Scopes => _scopes;

    private Organisation()
    {
    }

    public static Organisation Register(OrganisationDetails details, IEnumerable<string> scopes, string? council, string by, DateTimeOffset now)
    {
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(now),
            Name = details.Name,
            Type = details.Type,
            Subtype = details.Subtype,
            CompanyNumber = details.CompanyNumber,
            CharityNumber = details.CharityNumber,
            RegisteredAddress = details.RegisteredAddress,
            ControllerId = details.Controller?.ControllerId,
            ControllerVotingShare = details.Controller?.VotingRightsShare,
            ControllerAppointsBoard = details.Controller?.AppointsBoard ?? false,
            RegisteredAdoptionSociety = details.RegisteredAdoptionSociety,
            PlacementRoles = [.. details.PlacementRoles.Distinct().Order(StringComparer.Ordinal)],
            OfstedUrn = details.OfstedUrn,
            Council = council,
            RegisteredBy = by,
            RegisteredAt = now,
        };
        organisation.GroupId = organisation.Id;
        foreach (var scope in scopes.Distinct())
        {
            organisation._scopes.Add(new ScopeApplication(Guid.NewGuid(), scope));
        }

        return organisation;
    }

    /// <summary>A change of legal form or controller, the registrar's: it settles any claim of control made at registration. Approvals are re-evaluated by the caller.</summary>
    public void Change(string type, string? subtype, ControlLink? controller)
    {
        Type = type;
        Subtype = subtype;
        ControllerId = controller?.ControllerId;
        ControllerVotingShare = controller?.VotingRightsShare;
        ControllerAppointsBoard = controller?.AppointsBoard ?? false;
        ClaimedControllerId = null;
        ClaimedControllerVotingShare = null;
        ClaimedControllerAppointsBoard = false;
    }

    /// <summary>Keeps a claim of control for the registrar to verify (with a change naming the controller) instead of acting on it.</summary>
    public void ClaimControl(ControlLink claim)
    {
        ClaimedControllerId = claim.ControllerId;
        ClaimedControllerVotingShare = claim.VotingRightsShare;
        ClaimedControllerAppointsBoard = claim.AppointsBoard;
    }

    /// <summary>Moves it into the corporate group headed by <paramref name="ultimateControllerId"/>; returns whether that is a move.</summary>
    public bool PlaceInGroup(Guid ultimateControllerId)
    {
        var moved = GroupId != ultimateControllerId;
        GroupId = ultimateControllerId;
        return moved;
    }

    /// <summary>Records the conflict of interest it is now in, or none; returns whether that changed.</summary>
    public bool AssessConflict(string? conflict)
    {
        var changed = ConflictOfInterest != conflict;
        ConflictOfInterest = conflict;
        return changed;
    }

    public int NextRevision() => ++Revision;

    public RegistryEntry ToEntry() =>
        new(Id, Name, Type, Subtype, ControllerId is { } controller ? new ControlLink(controller, ControllerVotingShare, ControllerAppointsBoard) : null, RegisteredAdoptionSociety);

    public ScopeApplication ApplicationFor(string scope) =>
        _scopes.FirstOrDefault(application => application.Scope == scope)
        ?? throw new KeyNotFoundException($"{Name} has not applied for {scope}.");
}

/// <summary>What an organisation says about itself when it registers.</summary>
public sealed record OrganisationDetails(
    string Name, string Type, string? Subtype, string? CompanyNumber, string? CharityNumber, string? RegisteredAddress,
    ControlLink? Controller, bool RegisteredAdoptionSociety, IReadOnlyList<string> PlacementRoles, string? OfstedUrn);

/// <summary>One scope an organisation applied for, and the registrar's decision on it.</summary>
public sealed class ScopeApplication(Guid id, string scope)
{
    public Guid Id { get; private set; } = id;

    public string Scope { get; private set; } = scope;

    public ApplicationStatus Status { get; private set; } = ApplicationStatus.Applied;

    public string? Rule { get; private set; }

    public string? Reason { get; private set; }

    public List<string> Flags { get; private set; } = [];

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    /// <summary>The registrar approves only what the rules allow (P2/P3); the decision keeps the reason and flags.</summary>
    public void Approve(EligibilityDecision eligibility, string by, DateTimeOffset now)
    {
        if (!eligibility.Eligible)
        {
            throw new RegistryRuleException(eligibility.Rule!, eligibility.Reason, eligibility.Chain);
        }

        Decide(ApplicationStatus.Approved, eligibility.Rule, eligibility.Reason, eligibility.Flags, by, now);
    }

    /// <summary>An approval the organisation no longer qualifies for is suspended, naming the rule.</summary>
    public void Suspend(EligibilityDecision eligibility, string by, DateTimeOffset now)
    {
        Status = ApplicationStatus.Suspended;
        Rule = eligibility.Rule;
        Reason = eligibility.Reason;
        Flags = [.. eligibility.Flags];
        DecidedAt = now;
        DecidedBy = by;
    }

    /// <summary>An approval that stands keeps up to date with its flags (a not-for-profit arm gains or loses its flag).</summary>
    public bool RefreshFlags(EligibilityDecision eligibility)
    {
        if (Flags.SequenceEqual(eligibility.Flags))
        {
            return false;
        }

        Flags = [.. eligibility.Flags];
        Rule = eligibility.Rule;
        Reason = eligibility.Reason;
        return true;
    }

    public void Reject(string? rule, string reason, IReadOnlyList<string> flags, string by, DateTimeOffset now) =>
        Decide(ApplicationStatus.Rejected, rule, reason, flags, by, now);

    private void Decide(ApplicationStatus status, string? rule, string reason, IReadOnlyList<string> flags, string by, DateTimeOffset now)
    {
        if (Status is ApplicationStatus.Approved or ApplicationStatus.Rejected)
        {
            throw new RegistryRuleException("P2", $"The application for {Scope} was already {Status.ToString().ToLowerInvariant()}.", []);
        }

        Status = status;
        Rule = rule;
        Reason = reason;
        Flags = [.. flags];
        DecidedAt = now;
        DecidedBy = by;
    }
}

/// <summary>A registry decision the rules refuse, with the rule and the control chain that made it fire.</summary>
public sealed class RegistryRuleException(string rule, string message, IReadOnlyList<string> chain) : Exception(message)
{
    public string Rule { get; } = rule;

    public IReadOnlyList<string> Chain { get; } = chain;
}

/// <summary>Every registry decision, kept: who, when, what, why.</summary>
public sealed record RegistryAuditEntry(Guid Id, Guid OrganisationId, string Action, string Detail, string By, DateTimeOffset At);
