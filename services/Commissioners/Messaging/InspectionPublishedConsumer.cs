using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Commissioners.Messaging;

/// <summary>
/// Keeps the judgement history and moves cases on each judgement, in publication order as if it
/// arrived live (T4b): T1 opens a case on an inadequate one; a review missed before the next judgement
/// applies R3 as of its due date; R1/R2 at publication make the case persistent or systemic failure
/// (T2); a later inspection graded requires improvement or better ends it before T2 (T4) or after, until
/// an outcome is carried out (T4b); a later inadequate one is recorded on it; a correction of the
/// judgement that opened it to a better grade ends it. Judgements arrive in batches (a history
/// import brings thousands): each batch is applied in Inspections' commit order with one read of the state it
/// touches and one transaction, its inbox rows in the same transaction, so a redelivered judgement changes nothing
/// (<see cref="IdempotentBatchConsumer{TEvent, TContext}"/>, which also applies a batch that fails for a
/// judgement of its own one judgement at a time and sends only the ones that still fail to the error queue).
/// </summary>
public sealed class InspectionPublishedConsumer(CommissionersDbContext db, TimeProvider time, IOptions<InterventionOptions> options)
    : IdempotentBatchConsumer<InspectionPublished, CommissionersDbContext>(db, time)
{
    protected override async Task ApplyAsync(IReadOnlyList<InspectionPublished> messages, CancellationToken cancellationToken)
    {
        var authorities = messages.Select(message => message.LocalAuthority).Distinct().ToList();
        // The history is read only for the rules; what changes is attached below, so a large batch
        // does not make SaveChanges compare thousands of untouched records.
        var history = (await Db.Judgements.AsNoTracking().Where(j => authorities.Contains(j.LocalAuthority)).ToListAsync(cancellationToken))
            .GroupBy(j => j.LocalAuthority).ToDictionary(group => group.Key, group => group.ToList());
        var openCases = (await Db.CasesWithHistory.Where(c => authorities.Contains(c.LocalAuthority) && c.Status != CaseStatus.Closed)
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.LocalAuthority);
        var now = Time.GetUtcNow();
        var added = new List<JudgementRecord>();

        foreach (var message in messages)
        {
            if (!history.TryGetValue(message.LocalAuthority, out var judgements))
            {
                history[message.LocalAuthority] = judgements = [];
            }

            Apply(message, judgements, added, openCases, now);
        }

        // New records are copied in bulk; case changes, their events and corrected records are saved by
        // EF Core with the inbox rows, in the one transaction.
        await Db.CopyAsync(added, cancellationToken);
    }

    private void Apply(
        InspectionPublished message, List<JudgementRecord> judgements, List<JudgementRecord> added, Dictionary<string, InterventionCase> openCases, DateTimeOffset now)
    {
        var record = judgements.FirstOrDefault(j => j.JudgementId == message.JudgementId);
        if (record is not null && record.Version >= message.Version)
        {
            return;
        }

        var isCorrection = record is not null;
        if (record is null)
        {
            record = new JudgementRecord { JudgementId = message.JudgementId };
            Copy(message, record);
            added.Add(record);
            judgements.Add(record);
        }
        else
        {
            Copy(message, record);
            if (!added.Contains(record))
            {
                Db.Judgements.Update(record);
            }
        }

        openCases.TryGetValue(message.LocalAuthority, out var openCase);
        if (openCase is not null)
        {
            // History is replayed as it happened: a review that fell due before this judgement and was
            // never recorded made the case persistent failure then (R3), before this judgement arrived.
            ApplyMissedReview(openCase, judgements, record.PublicationDate, now);

            if (record.JudgementId == openCase.TriggeringJudgementId && !record.IsInadequate)
            {
                CaseChange.Apply(Db, openCase, c => c.EndOnCorrectedJudgement(record, "system", now), now);
                openCases.Remove(message.LocalAuthority);
                return;
            }

            if (record.IsRequiresImprovementOrBetter && record.PublicationDate > openCase.JudgementPublished)
            {
                CaseChange.Apply(Db, openCase, c => c.EndOnLaterJudgement(record, "system", now), now);
                openCases.Remove(message.LocalAuthority);
                return;
            }
        }

        if (!record.IsInadequate)
        {
            return;
        }

        if (openCase is null)
        {
            openCase = InterventionCase.Open(message.LocalAuthority, record, options.Value.Policy, now);
            Db.Cases.Add(openCase);
            openCases[message.LocalAuthority] = openCase;
            foreach (var opened in CaseEvents.Since(openCase, 0, now))
            {
                Db.AddEvent(opened);
            }
        }
        else if (record.JudgementId != openCase.TriggeringJudgementId && !isCorrection)
        {
            CaseChange.Apply(Db, openCase, c => c.RecordLaterJudgement(record, "system", now), now);
        }

        if (openCase.Status == CaseStatus.Opened
            && InterventionRules.AtPublication(openCase.Policy, record, judgements, record.PublicationDate) is { } finding)
        {
            CaseChange.Apply(Db, openCase, c => c.RequireCommissioner(finding, "system", now), now);
        }
    }

    private void ApplyMissedReview(InterventionCase openCase, List<JudgementRecord> judgements, DateOnly asOf, DateTimeOffset now)
    {
        if (!openCase.IsReviewMissed(asOf) || judgements.FirstOrDefault(j => j.JudgementId == openCase.TriggeringJudgementId) is not { } triggering)
        {
            return;
        }

        var finding = InterventionRules.NoImprovementFinding(openCase.Policy, triggering, openCase.ProgressReviewDue, reviewMissed: true);
        CaseChange.Apply(Db, openCase, c => c.RequireCommissioner(finding, "system", now), now);
    }

    private static void Copy(InspectionPublished message, JudgementRecord record)
    {
        record.Version = message.Version;
        record.LocalAuthority = message.LocalAuthority;
        record.Framework = message.Framework;
        record.PublicationDate = message.PublicationDate;
        record.Overall = message.Overall;
        record.ImpactOfLeaders = message.ImpactOfLeaders;
        record.HelpAndProtection = message.HelpAndProtection;
        record.InCare = message.InCare;
        record.CareLeavers = message.CareLeavers;
        record.WholesaleInadequateServices = message.WholesaleInadequateServices;
        record.CorporateFailureBySeniorLeaders = message.CorporateFailureBySeniorLeaders;
    }
}
