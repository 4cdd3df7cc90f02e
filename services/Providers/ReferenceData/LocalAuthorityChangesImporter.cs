using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.Idempotency;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.ServiceDefaults.Csv;

namespace Platform.Providers.ReferenceData;

/// <summary>
/// Loads the reference list of authority changes (I3c): each ended authority is kept as history with
/// its successors, which must be current authorities, and announced with <see cref="LocalAuthorityRegistered"/>
/// (its end date and successors set) so that every service resolves its codes in published data. All
/// in one transaction; the same file again changes nothing and announces nothing.
/// </summary>
public sealed class LocalAuthorityChangesImporter(ProvidersDbContext db, TimeProvider time)
{
    public async Task<LocalAuthorityImportSummary> ImportAsync(TextReader csv, CancellationToken cancellationToken)
    {
        var parsed = LocalAuthorityChangesCsv.Parse(csv);
        var now = time.GetUtcNow();
        // Replicas seeding at the same start, or two imports at once, take turns: the second reads what
        // the first committed and finds it unchanged.
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockRegistryAsync(cancellationToken);
        var current = await db.LocalAuthorities.AsNoTracking().ToDictionaryAsync(la => la.Gss, cancellationToken);
        var existing = await db.EndedLocalAuthorities.ToDictionaryAsync(la => la.Gss, cancellationToken);
        var errors = parsed.Errors.ToList();
        int added = 0, updated = 0, unchanged = 0;

        foreach (var change in parsed.Records)
        {
            if (current.ContainsKey(change.Gss))
            {
                errors.Add(new CsvRowError(parsed.LineOf(change), $"{change.Gss} is a current authority: remove it from the reference list before ending it."));
                continue;
            }

            if (change.Successors.FirstOrDefault(successor => !current.ContainsKey(successor)) is { } unknown)
            {
                errors.Add(new CsvRowError(parsed.LineOf(change), $"{change.Gss}: successor {unknown} is not a current local authority."));
                continue;
            }

            if (existing.TryGetValue(change.Gss, out var ended))
            {
                if (!ended.Apply(change, now))
                {
                    unchanged++;
                    continue;
                }

                updated++;
            }
            else
            {
                ended = EndedLocalAuthority.From(change, now);
                db.EndedLocalAuthorities.Add(ended);
                added++;
            }

            // Its area is now its successors': they lie in one region.
            db.AddEvent(RegistryAnnouncements.Of(ended, current[ended.Successors[0]].RegionName, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LocalAuthorityImportSummary(added, updated, unchanged, errors.Count, errors);
    }
}
