using Platform.Messaging.Events;

namespace Platform.Commissioners.Domain;

/// <summary>The integration events a case's moves announce.</summary>
public static class CaseEvents
{
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The events for the moves a case made after its first <paramref name="transitionsBefore"/> transitions.</summary>
    public static IEnumerable<IntegrationEvent> Since(InterventionCase c, int transitionsBefore, DateTimeOffset now) =>
        c.Transitions.OrderBy(t => t.Sequence).Skip(transitionsBefore).SelectMany(transition => For(c, transition, now)).ToList();

    private static IEnumerable<IntegrationEvent> For(InterventionCase c, CaseTransition last, DateTimeOffset now)
    {
        switch (last.To)
        {
            case CaseStatus.Opened when last.From is null:
                yield return new InterventionCaseOpened
                {
                    OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, TriggeringJudgementId = c.TriggeringJudgementId,
                    ImprovementPlanDue = c.ImprovementPlanDue, ProgressReviewDue = c.ProgressReviewDue,
                };
                break;
            case CaseStatus.CommissionerRequired when last.From != CaseStatus.CommissionerRequired:
                yield return new CommissionerRequired
                {
                    OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Rule = c.FiredRule!,
                    Policy = InterventionRules.Name(c.Policy), Explanation = c.Explanation!, JudgementIds = c.ExplainingJudgements,
                };
                break;
            case CaseStatus.CommissionerAppointed when last.From != CaseStatus.CommissionerAppointed:
                yield return new CommissionerAppointed
                {
                    OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, CommissionerId = c.CommissionerId!.Value, Commissioner = c.Commissioner!,
                    DirectionReference = c.DirectionReference!, AppointedOn = c.CommissionerAppointed!.Value, OutcomeDue = c.OutcomeDue!.Value,
                };
                break;
            case CaseStatus.OutcomeDecided when last.From != CaseStatus.OutcomeDecided:
                yield return new InterventionOutcomeDecided
                {
                    OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Outcome = Word(c.Outcome!.Value),
                    Reasons = c.OutcomeReasons ?? "", TakeoverAuthority = c.TakeoverAuthority, DecidedOn = c.OutcomeDecided!.Value,
                };
                if (c.Outcome == InterventionOutcome.NewTrust)
                {
                    yield return new TrustEstablishmentRequested
                    {
                        OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, DecidedOn = c.OutcomeDecided!.Value,
                    };
                }

                break;
            case CaseStatus.Closed when last.From != CaseStatus.Closed:
                yield return new InterventionCaseClosed
                {
                    OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Rule = last.Rule, Reason = last.Reason,
                };
                break;
        }
    }
}
