using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Commissioners.Messaging;

/// <summary>T1: an inadequate judgement opens an intervention case for the authority.</summary>
public sealed class InspectionPublishedConsumer(CommissionersDbContext db, TimeProvider time)
    : IdempotentConsumer<InspectionPublished, CommissionersDbContext>(db, time)
{
    protected override async Task ApplyAsync(InspectionPublished message, CancellationToken cancellationToken)
    {
        var hasOpenCase = await Db.Cases.AnyAsync(
            c => c.LocalAuthority == message.LocalAuthority && c.Status != CaseStatus.Closed, cancellationToken);
        if (!InterventionCase.ShouldOpen(message.Overall, hasOpenCase))
        {
            return;
        }

        var interventionCase = InterventionCase.Open(message.LocalAuthority, message.JudgementId, message.PublicationDate, Time.GetUtcNow());
        Db.Cases.Add(interventionCase);
        Db.AddEvent(new InterventionCaseOpened
        {
            OccurredAt = interventionCase.OpenedAt,
            CaseId = interventionCase.Id,
            LocalAuthority = interventionCase.LocalAuthority,
            TriggeringJudgementId = message.JudgementId,
            ImprovementPlanDue = interventionCase.ImprovementPlanDue,
            ProgressReviewDue = interventionCase.ProgressReviewDue,
        });
    }
}
