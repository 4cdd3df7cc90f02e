using System.Globalization;
using CsvHelper;
using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

/// <summary>
/// DfE's children's social work workforce statistics as published on explore-education-statistics
/// (W7): every year, England, the regions and the authorities in one file. A suppressed or missing
/// value is missing, never zero; a joint return names its authorities with " / "; a row of an
/// authority a reorganisation ended is its own, stored against it.
/// </summary>
public sealed class PublishedStatisticsLayout : IReturnsLayout
{
    /// <summary>How DfE writes a value it suppressed, could not collect or does not apply.</summary>
    public static readonly IReadOnlySet<string> SuppressionCodes = new HashSet<string>(["x", "c", "z", "u", "low", ":", ".."], StringComparer.OrdinalIgnoreCase);

    public const string NationalLevel = "National";
    public const string RegionalLevel = "Regional";
    public const string AuthorityLevel = "Local authority";

    /// <summary>The published rate of each measure, beside the counts it is derived from.</summary>
    public static readonly IReadOnlyDictionary<WorkforceMeasure, string> RateColumns = new Dictionary<WorkforceMeasure, string>
    {
        [WorkforceMeasure.AgencyRate] = "agency_rate_fte",
        [WorkforceMeasure.TurnoverRate] = "turnover_rate_fte",
        [WorkforceMeasure.VacancyRate] = "vacancy_rate_fte",
        [WorkforceMeasure.Caseload] = "caseload_fte",
    };

    public static readonly string[] Columns =
    [
        "time_period", "geographic_level", "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
        "inpost_fte", "inpost_headcount", "starters_fte", "leavers_fte", "agency_fte", "vacancy_fte", "case_holders_fte", "cases",
        .. RateColumns.Values,
    ];

    public IReadOnlyList<string> RequiredColumns => Columns;

    public bool Recognises(IReadOnlyList<string> header) =>
        header.Contains("time_period", StringComparer.OrdinalIgnoreCase) && header.Contains("geographic_level", StringComparer.OrdinalIgnoreCase);

    public ReadRow Read(CsvReader row, LocalAuthorityResolver directory, DateOnly today)
    {
        var read = new ReadRow();
        var values = new Values(row, read.Problems);
        var year = CensusYear(row.GetField("time_period"), today, read.Problems);
        var rates = RateColumns.ToDictionary(rate => rate.Key, rate => values.Number(rate.Value));
        var level = row.GetField("geographic_level") ?? "";
        if (string.Equals(level, NationalLevel, StringComparison.OrdinalIgnoreCase) || string.Equals(level, RegionalLevel, StringComparison.OrdinalIgnoreCase))
        {
            var national = string.Equals(level, NationalLevel, StringComparison.OrdinalIgnoreCase);
            var code = national ? row.GetField("country_code") is { Length: > 0 } country ? country : OnsRegions.England : row.GetField("region_code") ?? "";
            var name = national ? row.GetField("country_name") is { Length: > 0 } countryName ? countryName : "England" : row.GetField("region_name") ?? "";
            if (!national && string.IsNullOrEmpty(code))
            {
                read.Problems.Add("region_code: a regional row must name its region.");
            }

            if (read.Problems.Count == 0)
            {
                read.Area = new PublishedArea(row.Parser.RawRow, national ? NationalLevel : RegionalLevel, code, name, year!.Value, rates);
            }

            return read;
        }

        if (!string.Equals(level, AuthorityLevel, StringComparison.OrdinalIgnoreCase))
        {
            read.Problems.Add($"geographic_level: '{level}' is not one of {NationalLevel}, {RegionalLevel} or {AuthorityLevel}.");
            return read;
        }

        var authorities = Authorities(row, directory, year, read);
        var figures = new WorkforceFigures(
            values.Whole("inpost_headcount"), values.Number("inpost_fte"), values.Number("case_holders_fte"), values.Number("agency_fte"),
            values.Number("starters_fte"), values.Number("leavers_fte"), values.Number("vacancy_fte"), values.Whole("cases"),
            row.HeaderRecord!.Contains("working_days_lost_fte") ? values.Number("working_days_lost_fte") : null);
        read.Problems.AddRange(figures.Check().Select(problem => problem.Message));
        if (read.Problems.Count == 0)
        {
            read.Return = new ReturnRow(row.Parser.RawRow, authorities[0], authorities[1..], year!.Value, figures);
            read.PublishedRates = rates;
        }

        return read;
    }

    /// <summary>
    /// The authorities a row is the return of: one, or for a joint return each code pair in turn
    /// (old_la_code and new_la_code list them in the same order), resolved as of the census date.
    /// </summary>
    private static List<string> Authorities(CsvReader row, LocalAuthorityResolver directory, int? year, ReadRow read)
    {
        var gssCodes = Split(row.GetField("new_la_code"));
        var laNumbers = Split(row.GetField("old_la_code"));
        if (gssCodes.Length > 1 && laNumbers.Length > 1 && gssCodes.Length != laNumbers.Length)
        {
            read.Problems.Add($"new_la_code names {gssCodes.Length} authorities and old_la_code {laNumbers.Length}: a joint return lists the same authorities in both.");
            return [];
        }

        var asOf = year is { } census ? WorkforceReturn.CensusDate(census) : null;
        var authorities = new List<string>();
        for (var i = 0; i < Math.Max(gssCodes.Length, laNumbers.Length); i++)
        {
            var resolution = directory.Resolve(gssCodes.ElementAtOrDefault(i), laNumbers.ElementAtOrDefault(i), asOf);
            if (resolution.Error is { } error)
            {
                read.Problems.Add(error);
            }
            else if (!authorities.Contains(resolution.LocalAuthority!))
            {
                authorities.Add(resolution.LocalAuthority!);
                if (resolution.Note is { } note)
                {
                    read.Notes.Add(note);
                }
            }
        }

        if (authorities.Count == 0 && read.Problems.Count == 0)
        {
            read.Problems.Add("Neither new_la_code nor old_la_code names the authority.");
        }

        return authorities;
    }

    private static string[] Split(string? codes) =>
        string.IsNullOrWhiteSpace(codes) ? [] : codes.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static int? CensusYear(string? timePeriod, DateOnly today, List<string> problems)
    {
        if (!int.TryParse(timePeriod, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || WorkforceReturn.CensusDate(year) is null)
        {
            problems.Add($"time_period: '{timePeriod}' is not a census year (30 September of a year from 2000).");
            return null;
        }

        if (!WorkforceReturn.IsRecordableCensus(year, today))
        {
            problems.Add($"time_period: the census of 30 September {year} has not been taken yet.");
            return null;
        }

        return year;
    }

    /// <summary>Reads a row's values: a number, or missing when DfE suppressed it or left it empty.</summary>
    private sealed class Values(CsvReader row, List<string> problems)
    {
        public decimal? Number(string column)
        {
            var raw = row.GetField(column)?.Trim() ?? "";
            if (raw.Length == 0 || SuppressionCodes.Contains(raw))
            {
                return null;
            }

            if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add($"{column}: '{raw}' is neither a number nor one of DfE's codes for a suppressed or missing value ({string.Join(", ", SuppressionCodes)}).");
            return null;
        }

        public int? Whole(string column)
        {
            var value = Number(column);
            if (value is { } number && (number != decimal.Truncate(number) || number > int.MaxValue))
            {
                problems.Add($"{column}: '{number.ToString(CultureInfo.InvariantCulture)}' is not a whole number.");
                return null;
            }

            return value is null ? null : (int)value.Value;
        }
    }
}
