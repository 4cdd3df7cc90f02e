using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Commissioners.Messaging;

/// <summary>
/// Keeps the judgement history and moves cases on each judgement: T1 opens a case on an inadequate
/// one, R1/R2 at publication make it persistent or systemic failure (T2), and a re-inspection graded
/// requires improvement or better before T2 closes it (T4).
/// </summary>
public sealed class InspectionPublishedConsumer(CommissionersDbContext db, TimeProvider time, IOptions<InterventionOptions> options)
    : IdempotentConsumer<InspectionPublished, CommissionersDbContext>(db, time)
{
    protected override async Task ApplyAsync(InspectionPublished message, CancellationToken cancellationToken)
    {
        var record = await Db.Judgements.FindAsync([message.JudgementId], cancellationToken);
        if (record is not null && record.Version >= message.Version)
        {
            return;
        }

        if (record is null)
        {
            record = new JudgementRecord { JudgementId = message.JudgementId };
            Db.Judgements.Add(record);
        }

        Copy(message, record);
        var now = Time.GetUtcNow();
        var openCase = await Db.CasesWithHistory.FirstOrDefaultAsync(
            c => c.LocalAuthority == message.LocalAuthority && c.Status != CaseStatus.Closed, cancellationToken);

        if (openCase is { Status: CaseStatus.Opened } && record.IsRequiresImprovementOrBetter && record.PublicationDate > openCase.JudgementPublished)
        {
            CaseChange.Apply(Db, openCase, c => c.CloseOnImprovement($"Re-inspection graded {record.Overall}: the {record.Describe()}.", "system", now), now);
            return;
        }

        if (!record.IsInadequate)
        {
            return;
        }

        var policy = options.Value.Policy;
        if (openCase is null)
        {
            openCase = InterventionCase.Open(message.LocalAuthority, record, policy, now);
            Db.Cases.Add(openCase);
            foreach (var opened in CaseEvents.Since(openCase, 0, now))
            {
                Db.AddEvent(opened);
            }
        }

        if (openCase.Status == CaseStatus.Opened)
        {
            var history = await Db.Judgements.Where(j => j.LocalAuthority == message.LocalAuthority && j.JudgementId != record.JudgementId)
                .ToListAsync(cancellationToken);
            history.Add(record);
            if (InterventionRules.AtPublication(openCase.Policy, record, history, record.PublicationDate) is { } finding)
            {
                CaseChange.Apply(Db, openCase, c => c.RequireCommissioner(finding, "system", now), now);
            }
        }
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

/// <summary>
/// Judgements of one authority are applied one at a time, in order; different authorities in
/// parallel, with enough messages in flight that a history import is not bound by one round trip at a time.
/// </summary>
public sealed class InspectionPublishedConsumerDefinition : ConsumerDefinition<InspectionPublishedConsumer>
{
    private const int InFlight = 16;

    public InspectionPublishedConsumerDefinition() => ConcurrentMessageLimit = InFlight;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<InspectionPublishedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = InFlight * 2;
        }

        consumerConfigurator.Message<InspectionPublished>(message => message.UsePartitioner(InFlight, consumed => consumed.Message.LocalAuthority));
    }
}
