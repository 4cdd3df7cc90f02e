using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Inspections.Messaging;

/// <summary>I4: a trust that starts operating gets its inspection scheduled a year on.</summary>
public sealed class TrustEstablishedConsumer(InspectionsDbContext db, TimeProvider time)
    : IdempotentConsumer<TrustEstablished, InspectionsDbContext>(db, time)
{
    protected override async Task ApplyAsync(TrustEstablished message, CancellationToken cancellationToken)
    {
        if (!await Db.Schedule.AnyAsync(s => s.ProviderId == message.ProviderId, cancellationToken))
        {
            Db.Schedule.Add(ScheduledInspection.ForNewTrust(message.ProviderId, message.Name, message.LocalAuthority, message.OperatingFrom));
        }
    }
}
