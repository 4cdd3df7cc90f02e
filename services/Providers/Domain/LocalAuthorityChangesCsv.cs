using System.Globalization;
using CsvHelper;
using Platform.ServiceDefaults.Csv;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Providers.Domain;

/// <summary>
/// The reference list of authorities ended by reorganisations (I3c): <c>gss_code, la_code, name, ended,
/// successor_gss_codes</c>, the successors separated by semicolons.
/// </summary>
public static class LocalAuthorityChangesCsv
{
    public static readonly string[] Columns = ["gss_code", "la_code", "name", "ended", "successor_gss_codes"];

    public static CsvRecords<LocalAuthorityChange> Parse(TextReader reader) => CsvImport.ReadKeyed(reader, Columns, ReadRow, change => change.Gss);

    private static (LocalAuthorityChange? Change, string? Error) ReadRow(CsvReader csv)
    {
        var gss = csv.GetField("gss_code") ?? "";
        if (!GssCode.IsValid(gss))
        {
            return (null, $"gss_code '{gss}' is not the GSS code of an authority with children's services.");
        }

        var laNumber = csv.GetField("la_code") ?? "";
        if (laNumber.Length != 3 || !laNumber.All(char.IsAsciiDigit))
        {
            return (null, $"la_code '{laNumber}' is not a three-digit DfE LA number.");
        }

        var name = csv.GetField("name") ?? "";
        if (name.Length == 0)
        {
            return (null, "name is empty.");
        }

        if (!DateOnly.TryParseExact(csv.GetField("ended"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ended))
        {
            return (null, $"ended '{csv.GetField("ended")}' is not a date (yyyy-mm-dd).");
        }

        var successors = (csv.GetField("successor_gss_codes") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (successors.Length == 0)
        {
            return (null, "successor_gss_codes is empty: an ended authority has at least one successor.");
        }

        if (successors.FirstOrDefault(successor => !GssCode.IsValid(successor)) is { } badSuccessor)
        {
            return (null, $"successor_gss_codes holds '{badSuccessor}', which is not a GSS code.");
        }

        if (successors.Contains(gss, StringComparer.Ordinal))
        {
            return (null, $"{gss} cannot succeed itself.");
        }

        return (new LocalAuthorityChange(gss, laNumber, name, ended, successors), null);
    }
}
