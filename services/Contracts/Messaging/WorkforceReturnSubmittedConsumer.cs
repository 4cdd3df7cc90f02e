using Platform.Contracts.Data;
using Platform.Contracts.Domain.ReadModels;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Contracts.Messaging;

/// <summary>Keeps each authority's workforce figures per census year at the newest version of its return (C3 reviews read them).</summary>
public sealed class WorkforceReturnSubmittedConsumer(ContractsDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkforceReturnSubmitted, ContractsDbContext>(db, time)
{
    protected override async Task ApplyAsync(WorkforceReturnSubmitted message, CancellationToken cancellationToken)
    {
        var figures = await Db.Workforce.FindAsync([message.LocalAuthority, message.CensusYear], cancellationToken);
        if (figures is null)
        {
            figures = new WorkforceFigures { LocalAuthority = message.LocalAuthority, CensusYear = message.CensusYear };
            Db.Workforce.Add(figures);
        }
        else if (figures.Version >= message.Version)
        {
            return;
        }

        figures.Version = message.Version;
        figures.AgencyRate = message.AgencyRate;
        figures.TurnoverRate = message.TurnoverRate;
        figures.VacancyRate = message.VacancyRate;
        figures.Caseload = message.Caseload;
        figures.ReceivedAt = Time.GetUtcNow();
    }
}
