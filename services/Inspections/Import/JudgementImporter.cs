using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Csv;
using Platform.Messaging.Idempotency;

namespace Platform.Inspections.Import;

/// <summary>
/// Imports Ofsted's published formats (I3, I3b), told apart by their header row. The authority of a row
/// is found from either code, old or current (I3c), and a row read differently from what it says is
/// noted. Rows that cannot be read, name an unknown authority or break a judgement rule are rejected
/// with their line and reason;
/// the others are stored in one transaction, each announced by <c>InspectionPublished</c> in
/// publication order. An inspection already held (same authority, publication date and kind) is left
/// unchanged when the row says the same, and corrected (a new version) when it says otherwise, so
/// importing a file twice changes nothing the second time.
/// </summary>
public sealed class JudgementImporter(InspectionsDbContext db, TimeProvider time)
{
    private static readonly IImportFormat[] Formats = [new OfstedSummaryFormat(), new InspectionHistoryFormat()];

    public async Task<ImportResult?> ImportAsync(TextReader csv, string importedBy, CancellationToken cancellationToken)
    {
        using var reader = CsvImport.Open(csv);
        if (!reader.Read() || !reader.ReadHeader())
        {
            return null;
        }

        var header = reader.HeaderRecord!.Select(column => column.Trim()).ToHashSet(StringComparer.Ordinal);
        var format = Formats.FirstOrDefault(candidate => candidate.Recognises(header));
        if (format is null)
        {
            return null;
        }

        var authorities = await LocalAuthorityResolver.LoadAsync(db, cancellationToken);
        var today = time.Today();
        var errors = new List<CsvRowError>();
        var notes = new List<CsvRowNote>();
        var accepted = new List<(int Line, JudgementFacts Facts)>();
        var seen = new Dictionary<InspectionKey, int>();

        foreach (var (line, malformed) in CsvImport.Rows(reader))
        {
            var (row, error) = malformed is null ? format.Read(line, column => header.Contains(column) ? reader.GetField(column) : null) : (null, malformed);
            if (row is null)
            {
                errors.Add(new CsvRowError(line, error!));
                continue;
            }

            var authority = authorities.Resolve(Given(row.Gss), Given(row.LaNumber), row.Published);
            if (authority.LocalAuthority is not { } gss)
            {
                errors.Add(new CsvRowError(line, authority.Error!));
                continue;
            }

            var facts = new JudgementFacts(gss, null, row.Framework, row.Start, row.End, row.Published, row.Overall, row.SubJudgements, false, false, row.ReportUrl, row.ReportedGrades);
            var problems = JudgementRules.Check(facts, today).Select(problem => problem.Message).ToList();
            if (problems.Count > 0)
            {
                errors.Add(new CsvRowError(line, string.Join(" ", problems)));
                continue;
            }

            var key = InspectionKey.Of(facts);
            if (seen.TryGetValue(key, out var earlier))
            {
                errors.Add(new CsvRowError(line, $"Repeats the inspection on line {earlier}."));
                continue;
            }

            seen[key] = line;
            accepted.Add((line, facts));
            if (authority.Note is { } note)
            {
                notes.Add(new CsvRowNote(line, note));
            }
        }

        var counts = await StoreAsync(accepted, format.Name, importedBy, cancellationToken);
        return new ImportResult(format.Name, counts.Added, counts.Corrected, counts.Unchanged, errors.Count, errors.OrderBy(e => e.Line).ToList(), notes);
    }

    private async Task<(int Added, int Corrected, int Unchanged)> StoreAsync(
        List<(int Line, JudgementFacts Facts)> accepted, string source, string importedBy, CancellationToken cancellationToken)
    {
        var authorities = accepted.Select(row => row.Facts.LocalAuthority).Distinct().ToList();
        // What is held is read inside the transaction that writes, under the authorities' locks, so that
        // an inspection recorded meanwhile by another import or request is seen, not recorded twice.
        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockAuthoritiesAsync(authorities, cancellationToken);
        var held = await db.Judgements
            .Where(j => j.IsCurrent && authorities.Contains(j.LocalAuthority))
            .ToListAsync(cancellationToken);
        var current = held.GroupBy(j => InspectionKey.Of(j.Facts)).ToDictionary(group => group.Key, group => group.OrderByDescending(j => j.RecordedAt).First());
        var now = time.GetUtcNow();
        int added = 0, corrected = 0, unchanged = 0;
        var stored = new List<Judgement>();

        // Publication order, so that consumers replay each authority's history as it happened.
        foreach (var (line, imported) in accepted.OrderBy(row => row.Facts.PublicationDate).ThenBy(row => row.Line))
        {
            if (!current.TryGetValue(InspectionKey.Of(imported), out var existing))
            {
                stored.Add(Judgement.Record(imported, source, importedBy, now));
                added++;
                continue;
            }

            // The files do not carry what only an API record can: keep those facts.
            var merged = imported with
            {
                ProviderId = existing.ProviderId,
                InspectionStartDate = imported.InspectionStartDate ?? existing.InspectionStartDate,
                InspectionEndDate = imported.InspectionEndDate ?? existing.InspectionEndDate,
                WholesaleInadequateServices = existing.WholesaleInadequateServices,
                CorporateFailureBySeniorLeaders = existing.CorporateFailureBySeniorLeaders,
                ReportUrl = imported.ReportUrl ?? existing.ReportUrl,
                Framework = imported.Framework == Framework.Ilacs && existing.Framework is Framework.IlacsStandard or Framework.IlacsShort
                    ? existing.Framework
                    : imported.Framework,
            };
            if (merged == existing.Facts)
            {
                unchanged++;
                continue;
            }

            stored.Add(existing.Correct(merged, $"Corrected by import ({source}, line {line}).", importedBy, now));
            corrected++;
        }

        // A history file brings thousands of rows: the superseded versions are saved by EF Core, the new
        // rows and their events copied in bulk, all in one transaction.
        await db.SaveChangesAsync(cancellationToken);
        await db.CopyAsync(stored, cancellationToken);
        await db.CopyAsync(stored.Select(judgement => MessagingDbContext.ToOutbox(InspectionEvents.Published(judgement))).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (added, corrected, unchanged);
    }

    private static string? Given(string? code) => ImportWords.IsAbsent(code) ? null : code;
}

/// <param name="Notes">Rows accepted but read differently from what they say (an old authority code, say), with why.</param>
public sealed record ImportResult(
    string Format, int Added, int Corrected, int Unchanged, int Rejected, IReadOnlyList<CsvRowError> Errors, IReadOnlyList<CsvRowNote> Notes);

