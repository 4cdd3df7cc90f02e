using System.Globalization;
using CsvHelper;
using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

/// <summary>The platform's own layout: one row per authority and census year, every count given (absence days optional).</summary>
public sealed class PlatformReturnsLayout : IReturnsLayout
{
    public static readonly string[] Columns =
    [
        "gss_code", "census_year", "headcount_employed", "fte_employed", "case_holding_fte", "agency_fte", "starters_fte", "leavers_fte",
        "vacancies_fte", "cases_held",
    ];

    public IReadOnlyList<string> RequiredColumns => Columns;

    public bool Recognises(IReadOnlyList<string> header) => header.Contains("gss_code", StringComparer.OrdinalIgnoreCase);

    public ReadRow Read(CsvReader row, LocalAuthorityResolver directory, DateOnly today)
    {
        var read = new ReadRow();
        var problems = read.Problems;
        var year = Integer(row, "census_year", problems);
        var authority = directory.Resolve(row.GetField("gss_code"), null, year is { } censusYear ? WorkforceReturn.CensusDate(censusYear) : null);
        if (authority.Error is { } authorityError)
        {
            problems.Add(authorityError);
        }
        else if (authority.Note is { } note)
        {
            read.Notes.Add(note);
        }

        if (year is { } census && !WorkforceReturn.IsRecordableCensus(census, today))
        {
            problems.Add("census_year: the census (30 September) must be 2000 or later and already taken.");
        }

        var absence = row.HeaderRecord!.Contains("absence_days") ? row.GetField("absence_days") : null;
        var figures = new WorkforceFigures(
            Integer(row, "headcount_employed", problems), Number(row, "fte_employed", problems), Number(row, "case_holding_fte", problems),
            Number(row, "agency_fte", problems), Number(row, "starters_fte", problems), Number(row, "leavers_fte", problems),
            Number(row, "vacancies_fte", problems), Integer(row, "cases_held", problems),
            string.IsNullOrEmpty(absence) ? null : Number(row, "absence_days", problems));
        problems.AddRange(figures.Check().Select(problem => problem.Message));
        if (problems.Count == 0)
        {
            read.Return = new ReturnRow(row.Parser.RawRow, authority.LocalAuthority!, [], year!.Value, figures);
        }

        return read;
    }

    private static int? Integer(CsvReader row, string column, List<string> problems)
    {
        if (int.TryParse(row.GetField(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{column}: '{row.GetField(column)}' is not a whole number.");
        return null;
    }

    private static decimal? Number(CsvReader row, string column, List<string> problems)
    {
        if (decimal.TryParse(row.GetField(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{column}: '{row.GetField(column)}' is not a number.");
        return null;
    }
}
