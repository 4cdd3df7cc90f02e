namespace Platform.Commissioners.Domain;

/// <summary>Where a case stands (DOMAIN T1-T4), in the order a case moves through them.</summary>
public enum CaseStatus
{
    Opened,
    CommissionerRequired,
    CommissionerAppointed,
    OutcomeDecided,
    Closed,
}

public enum ReviewProgress
{
    Sufficient,
    Insufficient,
}

/// <summary>T3's three outcomes.</summary>
public enum InterventionOutcome
{
    StayWithCouncil,
    Takeover,
    NewTrust,
}

/// <summary>A move the case's rules refuse, named by the rule that refuses it.</summary>
public sealed class RuleViolationException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}

/// <summary>
/// DfE's intervention in one authority, as an explicit state machine. Every move is a method that
/// refuses what the rules do not allow and records a transition: who, when, why, under which rule.
/// </summary>
public sealed class InterventionCase
{
    private readonly List<CaseTransition> _transitions = [];

    public Guid Id { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): of two concurrent moves on a case, the second to save finds it changed.</summary>
    public uint Version { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public CaseStatus Status { get; private set; }

    public InterventionPolicy Policy { get; private set; }

    public Guid TriggeringJudgementId { get; private set; }

    public DateOnly JudgementPublished { get; private set; }

    public DateOnly ImprovementPlanDue { get; private set; }

    public DateOnly? ImprovementPlanReceived { get; private set; }

    public DateOnly ProgressReviewDue { get; private set; }

    public DateOnly? ProgressReviewed { get; private set; }

    public ReviewProgress? Progress { get; private set; }

    /// <summary>The rule that made the case persistent or systemic failure, and why, in words.</summary>
    public string? FiredRule { get; private set; }

    public string? Explanation { get; private set; }

    public List<Guid> ExplainingJudgements { get; private set; } = [];

    public Guid? CommissionerId { get; private set; }

    public string? Commissioner { get; private set; }

    public string? DirectionReference { get; private set; }

    public DateOnly? CommissionerAppointed { get; private set; }

    public DateOnly? OutcomeDue { get; private set; }

    public InterventionOutcome? Outcome { get; private set; }

    public string? OutcomeReasons { get; private set; }

    public string? TakeoverAuthority { get; private set; }

    public DateOnly? OutcomeDecided { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public bool ImprovementPlanOverdueRaised { get; private set; }

    public bool ProgressReviewOverdueRaised { get; private set; }

    public bool OutcomeOverdueRaised { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public IReadOnlyList<CaseTransition> Transitions => _transitions;

    public bool IsOpen => Status != CaseStatus.Closed;

    /// <summary>Every stage of a case that has not closed.</summary>
    private static readonly CaseStatus[] OpenStatuses = [.. Enum.GetValues<CaseStatus>().Where(status => status != CaseStatus.Closed)];

    /// <summary>What its deadlines (T1-T3) are decided by.</summary>
    public CaseDeadlines Deadlines => new(Status, ImprovementPlanDue, ImprovementPlanReceived, ProgressReviewDue, ProgressReviewed, OutcomeDue);

    /// <summary>The deadlines (T1-T3) this case has missed as of <paramref name="today"/>, in words the dashboard shows.</summary>
    public IReadOnlyList<string> OverdueDeadlines(DateOnly today) => Deadlines.Overdue(today);

    /// <summary>T1: the improvement plan's date has passed with no plan received.</summary>
    public bool IsImprovementPlanMissed(DateOnly today) => Deadlines.IsImprovementPlanMissed(today);

    /// <summary>T3: the commissioner's twelve months have passed with no outcome decided.</summary>
    public bool IsOutcomeMissed(DateOnly today) => Deadlines.IsOutcomeMissed(today);

    private InterventionCase()
    {
    }

    /// <summary>T1: an inadequate judgement opens a case, with its two deadlines counted from publication.</summary>
    public static InterventionCase Open(string localAuthority, JudgementRecord judgement, InterventionPolicy policy, DateTimeOffset now)
    {
        if (!judgement.IsInadequate)
        {
            throw new RuleViolationException("T1", "Only an inadequate judgement opens an intervention case.");
        }

        var opened = new InterventionCase
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            Status = CaseStatus.Opened,
            Policy = policy,
            TriggeringJudgementId = judgement.JudgementId,
            JudgementPublished = judgement.PublicationDate,
            ImprovementPlanDue = judgement.PublicationDate.AddMonths(3),
            ProgressReviewDue = judgement.PublicationDate.AddMonths(6),
            OpenedAt = now,
        };
        opened.Record(null, CaseStatus.Opened, "T1", $"Opened on the {judgement.Describe()}.", "system", now);
        return opened;
    }

    /// <summary>T1: only an inadequate overall grade opens a case, and an authority under intervention does not get a second.</summary>
    public static bool ShouldOpen(string? overallGrade, bool authorityHasOpenCase) =>
        overallGrade == JudgementRecord.Inadequate && !authorityHasOpenCase;

    /// <summary>T2: R1 or R2 at publication, or R3 at the review, make the case persistent or systemic failure.</summary>
    public void RequireCommissioner(RuleFinding finding, string by, DateTimeOffset now)
    {
        Expect("T2", $"A commissioner is required only for a case still at the {Word(CaseStatus.Opened)} stage.", CaseStatus.Opened);
        FiredRule = finding.Rule;
        Explanation = finding.Explanation;
        ExplainingJudgements = [.. finding.JudgementIds];
        Move(CaseStatus.CommissionerRequired, finding.Rule, finding.Explanation, by, now);
    }

    /// <summary>T1: the improvement plan the authority owes within three months.</summary>
    public void RecordImprovementPlan(DateOnly receivedOn, string by, DateTimeOffset now)
    {
        Expect("T1", "The improvement plan belongs to an open case.", CaseStatus.Opened, CaseStatus.CommissionerRequired, CaseStatus.CommissionerAppointed);
        if (ImprovementPlanReceived is not null)
        {
            throw new RuleViolationException("T1", $"The improvement plan was already received on {ImprovementPlanReceived:yyyy-MM-dd}.");
        }

        if (receivedOn < JudgementPublished)
        {
            throw new RuleViolationException("T1", "An improvement plan answers the judgement: it cannot predate its publication.");
        }

        ImprovementPlanReceived = receivedOn;
        Record(Status, Status, "T1", $"Improvement plan received on {receivedOn:yyyy-MM-dd} (due {ImprovementPlanDue:yyyy-MM-dd}).", by, now);
    }

    /// <summary>
    /// T1 review: sufficient progress is a radically different picture and closes the case (T4);
    /// insufficient progress is R3 and a commissioner is required (T2).
    /// </summary>
    public void RecordReview(DateOnly reviewedOn, ReviewProgress progress, JudgementRecord triggering, string by, DateTimeOffset now)
    {
        Expect("T1", "The six-month review belongs to a case that has not yet gone to a commissioner.", CaseStatus.Opened);
        if (reviewedOn < JudgementPublished)
        {
            throw new RuleViolationException("T1", "A progress review cannot predate the judgement it reviews.");
        }

        ProgressReviewed = reviewedOn;
        Progress = progress;
        if (progress == ReviewProgress.Sufficient)
        {
            Record(Status, Status, "T1", $"Progress review on {reviewedOn:yyyy-MM-dd}: progress sufficient.", by, now);
            CloseOnImprovement($"The progress review of {reviewedOn:yyyy-MM-dd} recorded sufficient progress.", by, now);
        }
        else
        {
            Record(Status, Status, "T1", $"Progress review on {reviewedOn:yyyy-MM-dd}: progress insufficient.", by, now);
            RequireCommissioner(InterventionRules.NoImprovementFinding(Policy, triggering, ProgressReviewDue, reviewMissed: false), by, now);
        }
    }

    /// <summary>R3 when the review date passes with no review recorded.</summary>
    public bool IsReviewMissed(DateOnly today) => Deadlines.IsReviewMissed(today);

    /// <summary>T4: a radically different picture before T2 closes the case.</summary>
    public void CloseOnImprovement(string reason, string by, DateTimeOffset now)
    {
        Expect("T4", "Only a case not yet persistent or systemic failure closes on a radically different picture.", CaseStatus.Opened);
        ClosedOn = DateOnly.FromDateTime(now.UtcDateTime);
        Move(CaseStatus.Closed, "T4", reason, by, now);
    }

    /// <summary>
    /// T4b: after T2 and before an outcome is carried out, a later inspection graded requires
    /// improvement or better ends the case too: the direction is revoked. Before T2 this is T4. The
    /// case ends on the day the judgement was published, as it would have live.
    /// </summary>
    public void EndOnLaterJudgement(JudgementRecord later, string by, DateTimeOffset now)
    {
        Expect("T4b", "Only an open case ends on a later judgement.", OpenStatuses);
        if (!later.IsRequiresImprovementOrBetter || later.PublicationDate <= JudgementPublished)
        {
            throw new RuleViolationException("T4b", "A case ends on a later inspection graded requires improvement or better.");
        }

        var rule = Status == CaseStatus.Opened ? "T4" : "T4b";
        var revoked = DirectionReference is null ? "" : $" Direction {DirectionReference} revoked.";
        ClosedOn = later.PublicationDate;
        Move(CaseStatus.Closed, rule, $"Re-inspection graded {later.Overall}: the {later.Describe()}.{revoked}", by, now);
    }

    /// <summary>T4b: an inadequate judgement published while the case is open is recorded on it, never dropped.</summary>
    public void RecordLaterJudgement(JudgementRecord later, string by, DateTimeOffset now)
    {
        Expect("T4b", "A judgement is recorded on an open case.", OpenStatuses);
        Record(Status, Status, "T4b", $"Judgement recorded on the open case: the {later.Describe()}.", by, now);
    }

    /// <summary>
    /// I3c: a reorganisation that ends the authority ends its case on the authority's last day; its
    /// services passed to its successors, which the platform watches in their own right.
    /// </summary>
    public void EndWithAuthority(DateOnly endedOn, IReadOnlyList<string> successors, string by, DateTimeOffset now)
    {
        Expect("I3c", "Only an open case ends with its authority.", OpenStatuses);
        ClosedOn = endedOn < JudgementPublished ? JudgementPublished : endedOn;
        Move(CaseStatus.Closed, "I3c", $"{LocalAuthority} ended on {endedOn:yyyy-MM-dd}; its services passed to {string.Join(" and ", successors)}.", by, now);
    }

    /// <summary>T1: a case opened on a judgement since corrected to a grade that is not inadequate ends with it.</summary>
    public void EndOnCorrectedJudgement(JudgementRecord corrected, string by, DateTimeOffset now)
    {
        Expect("T1", "Only an open case ends when its judgement is corrected.", OpenStatuses);
        if (corrected.JudgementId != TriggeringJudgementId || corrected.IsInadequate)
        {
            throw new RuleViolationException("T1", "A case ends on a correction only when the judgement that opened it is no longer inadequate.");
        }

        ClosedOn = DateOnly.FromDateTime(now.UtcDateTime);
        Move(CaseStatus.Closed, "T1", $"The judgement that opened the case was corrected: the {corrected.Describe()}.", by, now);
    }

    /// <summary>T2: DfE appoints a commissioner with a statutory direction; T3's outcome is due within twelve months.</summary>
    public void AppointCommissioner(CommissionerProfile commissioner, string directionReference, DateOnly appointedOn, string by, DateTimeOffset now)
    {
        Expect("T2", "A commissioner is appointed once the case is persistent or systemic failure.", CaseStatus.CommissionerRequired);
        if (appointedOn < JudgementPublished)
        {
            throw new RuleViolationException("T2", "The appointment cannot predate the judgement that opened the case.");
        }

        CommissionerId = commissioner.Id;
        Commissioner = commissioner.Name;
        DirectionReference = directionReference;
        CommissionerAppointed = appointedOn;
        OutcomeDue = appointedOn.AddMonths(12);
        Move(CaseStatus.CommissionerAppointed, "T2", $"{commissioner.Name} appointed on {appointedOn:yyyy-MM-dd} under direction {directionReference}; outcome due {OutcomeDue:yyyy-MM-dd} (T3).", by, now);
    }

    /// <summary>T3: the outcome DfE decides on the commissioner's recommendation.</summary>
    public void DecideOutcome(InterventionOutcome outcome, string reasons, string? takeoverAuthority, DateOnly decidedOn, string by, DateTimeOffset now)
    {
        Expect("T3", "An outcome is decided for a case with an appointed commissioner.", CaseStatus.CommissionerAppointed);
        if (outcome == InterventionOutcome.Takeover && string.IsNullOrWhiteSpace(takeoverAuthority))
        {
            throw new RuleViolationException("T3", "A takeover names the high-performing authority that takes the services over.");
        }

        if (outcome != InterventionOutcome.Takeover && takeoverAuthority is not null)
        {
            throw new RuleViolationException("T3", "Only a takeover names a taking-over authority.");
        }

        if (takeoverAuthority == LocalAuthority)
        {
            throw new RuleViolationException("T3", "An authority cannot take over its own services.");
        }

        if (decidedOn < CommissionerAppointed)
        {
            throw new RuleViolationException("T3", "The outcome cannot predate the commissioner's appointment.");
        }

        Outcome = outcome;
        OutcomeReasons = reasons;
        TakeoverAuthority = takeoverAuthority;
        OutcomeDecided = decidedOn;
        var what = outcome switch
        {
            InterventionOutcome.StayWithCouncil => "services stay with the council under direction",
            InterventionOutcome.Takeover => $"services are taken over by {takeoverAuthority}",
            _ => "services move to a new children's services trust",
        };
        Move(CaseStatus.OutcomeDecided, "T3", $"Outcome decided on {decidedOn:yyyy-MM-dd}: {what}. {reasons}", by, now);
    }

    /// <summary>Closes a case whose outcome has been decided (its delivery is followed elsewhere).</summary>
    public void Close(string reason, string by, DateTimeOffset now)
    {
        if (Status == CaseStatus.Opened)
        {
            throw new RuleViolationException("T4", "A case before T2 closes only on a radically different picture: a re-inspection graded requires improvement or better, or a review recording sufficient progress.");
        }

        Expect("T3", "A case closes once its outcome is decided.", CaseStatus.OutcomeDecided);
        ClosedOn = DateOnly.FromDateTime(now.UtcDateTime);
        Move(CaseStatus.Closed, "T3", reason, by, now);
    }

    public void MarkImprovementPlanOverdueRaised() => ImprovementPlanOverdueRaised = true;

    public void MarkProgressReviewOverdueRaised() => ProgressReviewOverdueRaised = true;

    public void MarkOutcomeOverdueRaised() => OutcomeOverdueRaised = true;

    private void Expect(string rule, string message, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new RuleViolationException(rule, $"{message} This case is {Word(Status)}.");
        }
    }

    private void Move(CaseStatus to, string rule, string reason, string by, DateTimeOffset now)
    {
        var from = Status;
        Status = to;
        Record(from, to, rule, reason, by, now);
    }

    private void Record(CaseStatus? from, CaseStatus to, string rule, string reason, string by, DateTimeOffset now) =>
        _transitions.Add(new CaseTransition(Guid.CreateVersion7(now), _transitions.Count + 1, from, to, rule, reason, by, now));

    private static string Word(CaseStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}

/// <summary>One step in a case's life: the audit trail of who moved it, when, why, under which rule.</summary>
public sealed record CaseTransition(Guid Id, int Sequence, CaseStatus? From, CaseStatus To, string Rule, string Reason, string By, DateTimeOffset At);
