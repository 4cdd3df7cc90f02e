using Platform.Messaging.Events;
using Platform.Messaging.Inbox;
using Platform.Workforce.Data;

namespace Platform.Workforce.Messaging;

/// <summary>Learns that a trust stopped running an authority's services: from the day after its last, it no longer submits or reads that authority's returns.</summary>
public sealed class TrustServiceEndedConsumer(WorkforceDbContext db, TimeProvider time) : IdempotentConsumer<TrustServiceEnded, WorkforceDbContext>(db, time)
{
    protected override async Task ApplyAsync(TrustServiceEnded message, CancellationToken cancellationToken)
    {
        // Ordered by subject after its TrustEstablished, so the trust is known here.
        var trust = await Db.Trusts.FindAsync([message.ProviderId, message.LocalAuthority], cancellationToken);
        if (trust is not null)
        {
            trust.ServedUntil = message.LastDay;
        }
    }
}
