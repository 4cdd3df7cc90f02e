using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;

namespace Platform.Inspections.Import;

/// <summary>
/// Imports Ofsted's published formats (I3, I3b), told apart by their header row. Rows that cannot be
/// read, name an unknown authority or break a judgement rule are rejected with their line and reason;
/// the others are stored in one transaction, each announced by <c>InspectionPublished</c> in
/// publication order. An inspection already held (same authority, publication date and kind) is left
/// unchanged when the row says the same, and corrected (a new version) when it says otherwise, so
/// importing a file twice changes nothing the second time.
/// </summary>
public sealed class JudgementImporter(InspectionsDbContext db, TimeProvider time)
{
    private static readonly IImportFormat[] Formats = [new OfstedSummaryFormat(), new InspectionHistoryFormat()];

    public async Task<ImportResult?> ImportAsync(string csv, string importedBy, CancellationToken cancellationToken)
    {
        using var reader = new CsvReader(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
        });
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

        var directory = await db.Set<KnownLocalAuthority>().AsNoTracking().ToListAsync(cancellationToken);
        var byGss = directory.ToDictionary(la => la.Gss);
        var byLaNumber = directory.ToDictionary(la => la.LaNumber, la => la.Gss);
        var today = time.Today();
        var errors = new List<ImportRowError>();
        var accepted = new List<(int Line, JudgementFacts Facts)>();
        var seen = new Dictionary<(string, DateOnly, bool), int>();

        while (reader.Read())
        {
            var line = reader.Parser.RawRow;
            var (row, error) = format.Read(line, column => header.Contains(column) ? reader.GetField(column) : null);
            if (row is null)
            {
                errors.Add(new ImportRowError(line, error!));
                continue;
            }

            if (ResolveAuthority(row, byGss, byLaNumber, out var authorityError) is not { } gss)
            {
                errors.Add(new ImportRowError(line, authorityError!));
                continue;
            }

            var facts = new JudgementFacts(gss, null, row.Framework, row.Start, row.End, row.Published, row.Overall, row.SubJudgements, false, false, row.ReportUrl);
            var problems = JudgementRules.Check(facts, today).Select(problem => problem.Message).ToList();
            if (problems.Count > 0)
            {
                errors.Add(new ImportRowError(line, string.Join(" ", problems)));
                continue;
            }

            var key = KeyOf(facts);
            if (seen.TryGetValue(key, out var earlier))
            {
                errors.Add(new ImportRowError(line, $"Repeats the inspection on line {earlier}."));
                continue;
            }

            seen[key] = line;
            accepted.Add((line, facts));
        }

        var counts = await StoreAsync(accepted, format.Name, importedBy, cancellationToken);
        return new ImportResult(format.Name, counts.Added, counts.Corrected, counts.Unchanged, errors.Count, errors.OrderBy(e => e.Line).ToList());
    }

    private async Task<(int Added, int Corrected, int Unchanged)> StoreAsync(
        List<(int Line, JudgementFacts Facts)> accepted, string source, string importedBy, CancellationToken cancellationToken)
    {
        var authorities = accepted.Select(row => row.Facts.LocalAuthority).Distinct().ToList();
        var held = await db.Judgements
            .Where(j => j.IsCurrent && authorities.Contains(j.LocalAuthority))
            .ToListAsync(cancellationToken);
        var current = held.GroupBy(j => KeyOf(j.Facts)).ToDictionary(group => group.Key, group => group.OrderByDescending(j => j.RecordedAt).First());
        var now = time.GetUtcNow();
        int added = 0, corrected = 0, unchanged = 0;
        var stored = new List<Judgement>();

        // Publication order, so that consumers replay each authority's history as it happened.
        foreach (var (line, imported) in accepted.OrderBy(row => row.Facts.PublicationDate).ThenBy(row => row.Line))
        {
            if (!current.TryGetValue(KeyOf(imported), out var existing))
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.CopyAsync(stored, cancellationToken);
        await db.CopyAsync(stored.Select(judgement => MessagingDbContext.ToOutbox(InspectionEvents.Published(judgement))).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (added, corrected, unchanged);
    }

    /// <summary>Either code identifies the authority; when both are given they must agree (I3b).</summary>
    private static string? ResolveAuthority(ImportedRow row, Dictionary<string, KnownLocalAuthority> byGss, Dictionary<string, string> byLaNumber, out string? error)
    {
        error = null;
        var hasGss = !ImportWords.IsAbsent(row.Gss);
        var hasNumber = !ImportWords.IsAbsent(row.LaNumber);
        if (hasGss && !byGss.ContainsKey(row.Gss!))
        {
            error = $"'{row.Gss}' is not a registered local authority.";
            return null;
        }

        if (hasNumber && !byLaNumber.ContainsKey(row.LaNumber!))
        {
            error = $"LA number '{row.LaNumber}' is not a registered local authority.";
            return null;
        }

        if (hasGss && hasNumber && byLaNumber[row.LaNumber!] != row.Gss)
        {
            error = $"The codes disagree: {row.Gss} is LA {byGss[row.Gss!].LaNumber}, not {row.LaNumber}.";
            return null;
        }

        if (!hasGss && !hasNumber)
        {
            error = "Neither a GSS code nor an LA number identifies the authority.";
            return null;
        }

        return hasGss ? row.Gss : byLaNumber[row.LaNumber!];
    }

    /// <summary>One inspection: the authority, the publication date, and whether it is a graded inspection or a visit.</summary>
    private static (string, DateOnly, bool) KeyOf(JudgementFacts facts) => (facts.LocalAuthority, facts.PublicationDate, facts.Framework.HasOverallGrade());
}

public sealed record ImportResult(string Format, int Added, int Corrected, int Unchanged, int Rejected, IReadOnlyList<ImportRowError> Errors);
