using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Inspections.Messaging;

/// <summary>
/// I4: a trust that starts operating gets its inspection scheduled a year on, once for each authority
/// it serves (P5: a trust serving several councils is inspected for each).
/// </summary>
public sealed class TrustEstablishedConsumer(InspectionsDbContext db, TimeProvider time)
    : IdempotentConsumer<TrustEstablished, InspectionsDbContext>(db, time)
{
    protected override async Task ApplyAsync(TrustEstablished message, CancellationToken cancellationToken)
    {
        if (!await Db.Schedule.AnyAsync(s => s.ProviderId == message.ProviderId && s.LocalAuthority == message.LocalAuthority, cancellationToken))
        {
            Db.Schedule.Add(ScheduledInspection.ForNewTrust(message.ProviderId, message.Name, message.LocalAuthority, message.OperatingFrom));
        }
    }
}
