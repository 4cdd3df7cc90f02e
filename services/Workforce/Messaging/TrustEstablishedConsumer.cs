using Platform.Messaging.Events;
using Platform.Messaging.Inbox;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Messaging;

/// <summary>Learns which trust runs which authority's services, so the trust may submit that authority's returns.</summary>
public sealed class TrustEstablishedConsumer(WorkforceDbContext db, TimeProvider time) : IdempotentConsumer<TrustEstablished, WorkforceDbContext>(db, time)
{
    protected override async Task ApplyAsync(TrustEstablished message, CancellationToken cancellationToken)
    {
        var trust = await Db.Trusts.FindAsync([message.ProviderId, message.LocalAuthority], cancellationToken);
        if (trust is null)
        {
            Db.Trusts.Add(new ServingTrust { ProviderId = message.ProviderId, LocalAuthority = message.LocalAuthority, Name = message.Name, OperatingFrom = message.OperatingFrom });
        }
    }
}
