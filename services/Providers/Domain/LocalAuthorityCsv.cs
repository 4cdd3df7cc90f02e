using System.Globalization;
using CsvHelper;
using Platform.ServiceDefaults.Csv;
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

    public static CsvRecords<LocalAuthorityRecord> Parse(TextReader reader) => CsvImport.ReadKeyed(reader, Columns, ReadRow, record => record.Gss);

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

