using Platform.Commissioners.Domain;

namespace Platform.Commissioners.Api;

public sealed record ImprovementPlanRequest(DateOnly? ReceivedOn);

public sealed record ReviewRequest(DateOnly? ReviewedOn, ReviewProgress? Progress);

public sealed record AppointmentRequest(Guid? CommissionerId, string? DirectionReference, DateOnly? AppointedOn);

public sealed record OutcomeRequest(InterventionOutcome? Outcome, string? Reasons, string? TakeoverAuthority, DateOnly? DecidedOn);

public sealed record ClosureRequest(string? Reason);

public sealed record Explanation(string Rule, InterventionPolicy Policy, string Text, IReadOnlyList<Guid> JudgementIds);

public sealed record TransitionResponse(CaseStatus? From, CaseStatus To, string Rule, string Reason, string By, DateTimeOffset At);

public sealed record CaseResponse(
    Guid Id,
    string LocalAuthority,
    CaseStatus Status,
    InterventionPolicy Policy,
    Guid TriggeringJudgementId,
    DateOnly JudgementPublished,
    DateOnly ImprovementPlanDue,
    DateOnly? ImprovementPlanReceived,
    DateOnly ProgressReviewDue,
    DateOnly? ProgressReviewed,
    ReviewProgress? Progress,
    Explanation? Explanation,
    Guid? CommissionerId,
    string? Commissioner,
    string? DirectionReference,
    DateOnly? CommissionerAppointed,
    DateOnly? OutcomeDue,
    InterventionOutcome? Outcome,
    string? OutcomeReasons,
    string? TakeoverAuthority,
    DateOnly? OutcomeDecided,
    DateOnly? ClosedOn,
    DateTimeOffset OpenedAt,
    IReadOnlyList<TransitionResponse> Transitions)
{
    public static CaseResponse From(InterventionCase c) =>
        new(c.Id, c.LocalAuthority, c.Status, c.Policy, c.TriggeringJudgementId, c.JudgementPublished, c.ImprovementPlanDue,
            c.ImprovementPlanReceived, c.ProgressReviewDue, c.ProgressReviewed, c.Progress,
            c.FiredRule is null ? null : new Explanation(c.FiredRule, c.Policy, c.Explanation ?? "", c.ExplainingJudgements),
            c.CommissionerId, c.Commissioner, c.DirectionReference, c.CommissionerAppointed, c.OutcomeDue, c.Outcome, c.OutcomeReasons, c.TakeoverAuthority,
            c.OutcomeDecided, c.ClosedOn, c.OpenedAt,
            c.Transitions.OrderBy(t => t.Sequence).Select(t => new TransitionResponse(t.From, t.To, t.Rule, t.Reason, t.By, t.At)).ToList());
}
