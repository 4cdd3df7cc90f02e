using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Csv;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

public sealed record ReturnsImportResult(int Added, int Corrected, int Unchanged, int Rejected, IReadOnlyList<CsvRowError> Errors, IReadOnlyList<CsvRowNote> Notes);

/// <summary>
/// A CSV of returns, one row per authority and census year. Rows that cannot be read, name an
/// unknown authority or break a rule are rejected with their line and reason; the others are
/// recorded in one transaction, each as the next version of its year unless it says the same as the
/// latest (so importing a file twice changes nothing the second time).
/// </summary>
public sealed class ReturnsCsv(WorkforceDbContext db, ReturnLedger ledger, TimeProvider time)
{
    public static readonly string[] Columns =
    [
        "gss_code", "census_year", "headcount_employed", "fte_employed", "case_holding_fte", "agency_fte", "starters_fte", "leavers_fte",
        "vacancies_fte", "cases_held", "absence_days",
    ];

    /// <summary>Null when the header lacks a required column (the caller answers 400).</summary>
    public async Task<ReturnsImportResult?> ImportAsync(string csv, string importedBy, CancellationToken cancellationToken)
    {
        using var reader = CsvImport.Open(new StringReader(csv));
        if (!reader.Read() || !reader.ReadHeader() || Columns.Take(10).Any(column => !reader.HeaderRecord!.Contains(column, StringComparer.Ordinal)))
        {
            return null;
        }

        var directory = await LocalAuthorityResolver.LoadAsync(db, cancellationToken);
        var today = time.Today();
        var rows = new List<(int Line, string Gss, int Year, WorkforceFigures Figures)>();
        var errors = new List<CsvRowError>();
        var notes = new List<CsvRowNote>();
        var seen = new Dictionary<(string, int), int>();
        while (reader.Read())
        {
            var line = reader.Parser.RawRow;
            var problems = new List<string>();
            var year = Integer(reader, "census_year", problems);
            var authority = directory.Resolve(reader.GetField("gss_code"), null, year is { } censusYear ? WorkforceReturn.CensusDate(censusYear) : null);
            var gss = authority.LocalAuthority ?? "";
            if (authority.Error is { } authorityError)
            {
                problems.Add(authorityError);
            }
            else if (authority.Note is { } note)
            {
                notes.Add(new CsvRowNote(line, note));
            }

            if (year is { } census && !WorkforceReturn.IsRecordableCensus(census, today))
            {
                problems.Add("census_year: the census (30 September) must be 2000 or later and already taken.");
            }

            var figures = new WorkforceFigures(
                Integer(reader, "headcount_employed", problems) ?? 0, Number(reader, "fte_employed", problems), Number(reader, "case_holding_fte", problems),
                Number(reader, "agency_fte", problems), Number(reader, "starters_fte", problems), Number(reader, "leavers_fte", problems),
                Number(reader, "vacancies_fte", problems), Integer(reader, "cases_held", problems) ?? 0,
                reader.HeaderRecord!.Contains("absence_days") && !string.IsNullOrEmpty(reader.GetField("absence_days")) ? Number(reader, "absence_days", problems) : 0);
            problems.AddRange(figures.Check().Select(problem => problem.Message));
            if (problems.Count == 0 && seen.TryGetValue((gss, year!.Value), out var earlier))
            {
                problems.Add($"Repeats {gss} {year} from line {earlier}.");
            }

            if (problems.Count > 0)
            {
                errors.Add(new CsvRowError(line, string.Join(" ", problems)));
                continue;
            }

            seen[(gss, year!.Value)] = line;
            rows.Add((line, gss, year.Value, figures));
        }

        var authorities = rows.Select(row => row.Gss).Distinct().ToList();
        var latest = WorkforceReturn.LatestVersions(await db.Returns.Where(r => authorities.Contains(r.LocalAuthority)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.LocalAuthority, r.CensusYear));
        var outcomes = rows.Select(row => ledger.Record(latest.GetValueOrDefault((row.Gss, row.Year)), row.Gss, row.Year, row.Figures, importedBy).Outcome).ToList();
        await db.SaveChangesAsync(cancellationToken);
        return new ReturnsImportResult(
            outcomes.Count(o => o == ReturnOutcome.Added), outcomes.Count(o => o == ReturnOutcome.Corrected), outcomes.Count(o => o == ReturnOutcome.Unchanged),
            errors.Count, errors, notes);
    }

    private static int? Integer(CsvReader reader, string column, List<string> problems)
    {
        if (int.TryParse(reader.GetField(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{column}: '{reader.GetField(column)}' is not a whole number.");
        return null;
    }

    private static decimal Number(CsvReader reader, string column, List<string> problems)
    {
        if (decimal.TryParse(reader.GetField(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{column}: '{reader.GetField(column)}' is not a number.");
        return 0;
    }
}
