using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;
using Platform.Providers.Data;
using Platform.Providers.Domain;

namespace Platform.Providers.Messaging;

/// <summary>P5: the outcome "new trust" opens a trust registration for the council (one per intervention case).</summary>
public sealed class TrustEstablishmentRequestedConsumer(ProvidersDbContext db, TimeProvider time)
    : IdempotentConsumer<TrustEstablishmentRequested, ProvidersDbContext>(db, time)
{
    protected override async Task ApplyAsync(TrustEstablishmentRequested message, CancellationToken cancellationToken)
    {
        if (await Db.TrustRegistrations.AnyAsync(r => r.InterventionCaseId == message.CaseId, cancellationToken))
        {
            return;
        }

        Db.TrustRegistrations.Add(TrustRegistration.Open(message.LocalAuthority, message.CaseId, message.DecidedOn, Time.GetUtcNow()));
    }
}
