using Microsoft.EntityFrameworkCore;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Csv;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

public sealed record ReturnsImportResult(
    string Layout,
    int Added,
    int Corrected,
    int Unchanged,
    int Rejected,
    IReadOnlyList<CsvRowError> Errors,
    IReadOnlyList<CsvRowNote> Notes,
    IReadOnlyList<PublishedDifference> Differences);

/// <summary>
/// A CSV of returns, in the platform's own layout or as DfE publishes its statistics (W7). Rows that
/// cannot be read, name an unknown authority or break a rule are rejected with their line and
/// reason; the others are recorded in one transaction, each as the next version of its year unless
/// it says the same as the latest (so importing a file twice changes nothing the second time).
/// Published figures are compared with the platform's own and every difference above 0.1 reported.
/// </summary>
public sealed class ReturnsCsv(WorkforceDbContext db, ReturnLedger ledger, PublishedComparison comparison, TimeProvider time)
{
    private static readonly IReturnsLayout[] Layouts = [new PublishedStatisticsLayout(), new PlatformReturnsLayout()];

    /// <summary>What a header must hold, for the answer to a file in neither layout.</summary>
    public static string ExpectedHeader =>
        $"The header row needs either the platform's columns ({string.Join(", ", PlatformReturnsLayout.Columns)}; absence_days optional) "
        + $"or those of DfE's published workforce statistics ({string.Join(", ", PublishedStatisticsLayout.Columns)}).";

    /// <summary>Null when the header is in neither layout or lacks one of its columns (the caller answers 400).</summary>
    public async Task<ReturnsImportResult?> ImportAsync(TextReader csv, string importedBy, CancellationToken cancellationToken)
    {
        using var reader = CsvImport.Open(csv);
        if (!reader.Read() || !reader.ReadHeader())
        {
            return null;
        }

        var layout = Layouts.FirstOrDefault(candidate => candidate.Recognises(reader.HeaderRecord!));
        if (layout is null || layout.RequiredColumns.Any(column => !reader.HeaderRecord!.Contains(column, StringComparer.Ordinal)))
        {
            return null;
        }

        var directory = await LocalAuthorityResolver.LoadAsync(db, cancellationToken);
        var today = time.Today();
        var returns = new List<ReturnRow>();
        var areas = new List<PublishedArea>();
        var derivedDifferences = new List<PublishedDifference>();
        var errors = new List<CsvRowError>();
        var notes = new List<CsvRowNote>();
        var seen = new Dictionary<(string, int), int>();
        foreach (var (line, malformed) in CsvImport.Rows(reader))
        {
            if (malformed is not null)
            {
                errors.Add(new CsvRowError(line, malformed));
                continue;
            }

            var read = layout.Read(reader, directory, today);
            if (read.Return is { } row && row.Covers.FirstOrDefault(authority => seen.ContainsKey((authority, row.CensusYear))) is { } repeated)
            {
                read.Problems.Add($"Repeats {repeated} {row.CensusYear} from line {seen[(repeated, row.CensusYear)]}.");
            }

            if (read.Problems.Count > 0)
            {
                errors.Add(new CsvRowError(line, string.Join(" ", read.Problems)));
                continue;
            }

            notes.AddRange(read.Notes.Select(note => new CsvRowNote(line, note)));
            if (read.Area is { } area)
            {
                areas.Add(area);
            }

            if (read.Return is { } accepted)
            {
                foreach (var authority in accepted.Covers)
                {
                    seen[(authority, accepted.CensusYear)] = line;
                }

                returns.Add(accepted);
                derivedDifferences.AddRange(PublishedComparison.AgainstOwnCounts(accepted, read.PublishedRates, directory));
            }
        }

        var outcomes = await ledger.RecordAllAsync(returns, importedBy, cancellationToken);
        var (areaDifferences, areaNotes) = await comparison.AgainstPlatformAsync(areas, directory, cancellationToken);
        notes.AddRange(areaNotes);
        var differences = derivedDifferences.Concat(areaDifferences).OrderBy(difference => difference.Line).ToList();
        return new ReturnsImportResult(
            layout is PublishedStatisticsLayout ? "dfe-published" : "platform",
            outcomes.Count(o => o == ReturnOutcome.Added), outcomes.Count(o => o == ReturnOutcome.Corrected), outcomes.Count(o => o == ReturnOutcome.Unchanged),
            errors.Count, errors, [.. notes.OrderBy(note => note.Line)], differences);
    }
}
