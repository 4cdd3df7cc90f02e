using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Messaging;

/// <summary>
/// A service with a new database asked to catch up: the newest version of every return (each
/// authority's, each census year) is announced again, with its own version, so a consumer that holds it
/// already changes nothing.
/// </summary>
public sealed class CatchUpRequestedConsumer(WorkforceDbContext db, TimeProvider time)
    : IdempotentConsumer<CatchUpRequested, WorkforceDbContext>(db, time)
{
    protected override async Task ApplyAsync(CatchUpRequested message, CancellationToken cancellationToken)
    {
        var returns = await Db.Returns.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var latest in WorkforceReturn.LatestVersions(returns))
        {
            Db.AddEvent(latest.Announcement());
        }
    }
}
