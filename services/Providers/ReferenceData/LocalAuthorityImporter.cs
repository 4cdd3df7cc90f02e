using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.Idempotency;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.Providers.Domain.Registry;
using Platform.ServiceDefaults.Csv;

namespace Platform.Providers.ReferenceData;

/// <summary>
/// Loads the reference list of authorities: adds new ones, updates changed ones and announces each
/// of those with <see cref="LocalAuthorityRegistered"/>, all in one transaction. Importing the same
/// file again changes nothing and announces nothing. Each authority is also an organisation on the
/// registry (legal form <c>local-authority</c>), so a trust it owns can name it as its controller.
/// </summary>
public sealed class LocalAuthorityImporter(ProvidersDbContext db, TimeProvider time)
{
    public async Task<LocalAuthorityImportSummary> ImportAsync(TextReader csv, CancellationToken cancellationToken)
    {
        var parsed = LocalAuthorityCsv.Parse(csv);
        var now = time.GetUtcNow();
        // Replicas seeding at the same start, or two imports at once, take turns: the second reads what
        // the first committed and finds it unchanged.
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockRegistryAsync(cancellationToken);
        var existing = await db.LocalAuthorities.ToDictionaryAsync(la => la.Gss, cancellationToken);
        var laNumbers = existing.Values.ToDictionary(la => la.LaNumber, la => la.Gss);
        var councils = (await db.Organisations.Where(o => o.Type == LegalForm.LocalAuthority).ToListAsync(cancellationToken))
            .Where(o => o.Council is not null).ToDictionary(o => o.Council!);
        var errors = parsed.Errors.ToList();
        int added = 0, updated = 0, unchanged = 0;

        foreach (var record in parsed.Records)
        {
            if (laNumbers.TryGetValue(record.LaNumber, out var holder) && holder != record.Gss)
            {
                errors.Add(new CsvRowError(parsed.LineOf(record), $"la_code {record.LaNumber} of {record.Gss} already belongs to {holder}."));
                continue;
            }

            if (existing.TryGetValue(record.Gss, out var authority))
            {
                if (!authority.Apply(record, now))
                {
                    unchanged++;
                    continue;
                }

                updated++;
            }
            else
            {
                authority = LocalAuthority.From(record, now);
                db.LocalAuthorities.Add(authority);
                existing[record.Gss] = authority;
                added++;
            }

            laNumbers[record.LaNumber] = record.Gss;
            if (!councils.ContainsKey(authority.Gss))
            {
                var council = Organisation.Register(
                    new OrganisationDetails(authority.Name, LegalForm.LocalAuthority, null, null, null, null, null, false, [], null),
                    [], authority.Gss, "reference-data", now);
                db.Organisations.Add(council);
                councils[authority.Gss] = council;
            }

            db.AddEvent(RegistryAnnouncements.Of(authority, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LocalAuthorityImportSummary(added, updated, unchanged, errors.Count, errors);
    }
}

public sealed record LocalAuthorityImportSummary(int Added, int Updated, int Unchanged, int Rejected, IReadOnlyList<CsvRowError> Errors);
