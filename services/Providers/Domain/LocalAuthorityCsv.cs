using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Providers.Domain;

/// <summary>
/// Reads the reference list of authorities (<c>gss_code,la_code,name,region_code,region_name,la_type,
/// population_0_25,stat_neighbours</c>). A row that does not hold together is rejected with its line
/// number and reason; the others are returned.
/// </summary>
public static class LocalAuthorityCsv
{
    public static readonly string[] Columns =
        ["gss_code", "la_code", "name", "region_code", "region_name", "la_type", "population_0_25", "stat_neighbours"];

    public static LocalAuthorityCsvResult Parse(TextReader reader)
    {
        var records = new List<LocalAuthorityRecord>();
        var errors = new List<CsvRowError>();
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
        });

        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add(new CsvRowError(1, "The file is empty: expected a header row."));
            return new LocalAuthorityCsvResult(records, errors);
        }

        var missing = Columns.Where(column => !csv.HeaderRecord!.Contains(column, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new CsvRowError(1, $"The header lacks the column(s) {string.Join(", ", missing)}."));
            return new LocalAuthorityCsvResult(records, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var (record, error) = ReadRow(csv);
            if (error is not null)
            {
                errors.Add(new CsvRowError(line, error));
            }
            else if (!seen.Add(record!.Gss))
            {
                errors.Add(new CsvRowError(line, $"'{record.Gss}' appears more than once."));
            }
            else
            {
                records.Add(record);
            }
        }

        return new LocalAuthorityCsvResult(records, errors);
    }

    private static (LocalAuthorityRecord? Record, string? Error) ReadRow(CsvReader csv)
    {
        var gss = csv.GetField("gss_code") ?? "";
        if (!GssCode.IsValid(gss))
        {
            return (null, $"gss_code '{gss}' is not the GSS code of an authority with children's services.");
        }

        var laNumber = csv.GetField("la_code") ?? "";
        if (!IsLaNumber(laNumber))
        {
            return (null, $"la_code '{laNumber}' is not a three-digit DfE LA number.");
        }

        var name = csv.GetField("name") ?? "";
        if (name.Length == 0)
        {
            return (null, "name is empty.");
        }

        var populationText = csv.GetField("population_0_25") ?? "";
        int? population = null;
        if (populationText.Length > 0)
        {
            if (!int.TryParse(populationText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"population_0_25 '{populationText}' is not a whole number.");
            }

            population = value;
        }

        var neighbours = (csv.GetField("stat_neighbours") ?? "")
            .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (neighbours.FirstOrDefault(neighbour => !IsLaNumber(neighbour)) is { } badNeighbour)
        {
            return (null, $"stat_neighbours holds '{badNeighbour}', which is not a DfE LA number.");
        }

        return (new LocalAuthorityRecord(
            gss,
            laNumber,
            name,
            csv.GetField("region_code") ?? "",
            csv.GetField("region_name") ?? "",
            csv.GetField("la_type") ?? "",
            population,
            neighbours), null);
    }

    private static bool IsLaNumber(string text) => text.Length == 3 && text.All(char.IsAsciiDigit);
}

public sealed record CsvRowError(int Line, string Reason);

public sealed record LocalAuthorityCsvResult(IReadOnlyList<LocalAuthorityRecord> Records, IReadOnlyList<CsvRowError> Errors);
