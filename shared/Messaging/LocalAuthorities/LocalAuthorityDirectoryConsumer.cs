using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.LocalAuthorities;

/// <summary>Keeps a service's directory of authorities up to date from the registry's events.</summary>
public abstract class LocalAuthorityDirectoryConsumer<TContext>(TContext db, TimeProvider time)
    : IdempotentConsumer<LocalAuthorityRegistered, TContext>(db, time)
    where TContext : MessagingDbContext
{
    protected override async Task ApplyAsync(LocalAuthorityRegistered message, CancellationToken cancellationToken)
    {
        var directory = Db.Set<KnownLocalAuthority>();
        var known = await directory.FindAsync([message.LocalAuthority], cancellationToken);
        if (known is null)
        {
            known = new KnownLocalAuthority { Gss = message.LocalAuthority };
            directory.Add(known);
        }

        known.LaNumber = message.LaNumber;
        known.Name = message.Name;
        known.Region = message.Region;
        known.StatisticalNeighbours = [.. message.StatisticalNeighbours];
        known.EndedOn = message.EndedOn;
        known.Successors = [.. message.Successors];
        known.LearnedAt = Time.GetUtcNow();
    }
}
