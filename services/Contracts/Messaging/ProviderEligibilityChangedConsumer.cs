using Platform.Contracts.Data;
using Platform.Contracts.Domain.ReadModels;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Contracts.Messaging;

/// <summary>Keeps the read model of provider eligibility (C2) at the registry's newest revision of each provider.</summary>
public sealed class ProviderEligibilityChangedConsumer(ContractsDbContext db, TimeProvider time)
    : IdempotentConsumer<ProviderEligibilityChanged, ContractsDbContext>(db, time)
{
    protected override async Task ApplyAsync(ProviderEligibilityChanged message, CancellationToken cancellationToken)
    {
        var standing = await Db.Providers.FindAsync([message.ProviderId], cancellationToken);
        if (standing is null)
        {
            standing = new ProviderStanding { ProviderId = message.ProviderId };
            Db.Providers.Add(standing);
        }
        else if (standing.Revision >= message.Revision)
        {
            return;
        }

        standing.Name = message.Name;
        standing.CompanyNumber = message.CompanyNumber;
        standing.CharityNumber = message.CharityNumber;
        standing.ApprovedScopes = [.. message.ApprovedScopes];
        standing.Flags = [.. message.Flags];
        standing.ConflictOfInterest = message.ConflictOfInterest;
        standing.Reason = message.Reason;
        standing.Revision = message.Revision;
        standing.UpdatedAt = message.OccurredAt;
    }
}
