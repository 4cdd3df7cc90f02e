using System.Globalization;
using Platform.Inspections.Domain;

namespace Platform.Inspections.Import;

/// <summary>One row as read from a file, before the authority is checked: codes as given, facts as parsed.</summary>
public sealed record ImportedRow(int Line, string? Gss, string? LaNumber, Framework Framework, DateOnly? Start, DateOnly? End, DateOnly Published,
    Grade? Overall, SubJudgements SubJudgements, string? ReportUrl, string? ReportedGrades = null);


/// <summary>A published format: how to recognise its header and read one row.</summary>
public interface IImportFormat
{
    string Name { get; }

    bool Recognises(IReadOnlyCollection<string> header);

    /// <summary>The row, or the reason it cannot be read (never a guess).</summary>
    (ImportedRow? Row, string? Error) Read(int line, Func<string, string?> field);
}

/// <summary>Words the published files use, read strictly.</summary>
public static class ImportWords
{
    /// <summary>I3: <c>nan</c>, <c>None</c>, <c>inspection_pre_dates_judgement</c> and blanks mean "no value".</summary>
    public static bool IsAbsent(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Trim() is "nan" or "None" or "none" or "NaN" or "inspection_pre_dates_judgement";

    public static bool TryGrade(string? text, string column, out Grade? grade, out string? error)
    {
        grade = null;
        error = null;
        if (IsAbsent(text))
        {
            return true;
        }

        grade = text!.Trim().ToLowerInvariant() switch
        {
            "outstanding" => Grade.Outstanding,
            "good" => Grade.Good,
            "requires improvement" or "requires-improvement" or "requires improvement to be good" => Grade.RequiresImprovement,
            "inadequate" => Grade.Inadequate,
            _ => null,
        };
        if (grade is null)
        {
            error = $"{column} '{text}' is not a grade (outstanding, good, requires improvement, inadequate).";
            return false;
        }

        return true;
    }

    public static bool TryDate(string? text, string column, string[] formats, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (IsAbsent(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text!.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        error = $"{column} '{text}' is not a date ({string.Join(" or ", formats)}).";
        return false;
    }
}
