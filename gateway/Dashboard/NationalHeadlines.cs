using System.Text.Json;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// The figures above the national table, counted over its rows: authorities by latest grade, open
/// intervention cases by state, deadlines overdue, and authorities above each W6 threshold in their
/// latest census. A group whose service did not answer is null, never a count of zero.
/// </summary>
public sealed record NationalHeadlines(
    IReadOnlyDictionary<string, int>? AuthoritiesByLatestGrade,
    IReadOnlyDictionary<string, int>? OpenCasesByState,
    int? OverdueDeadlines,
    int? AuthoritiesWithOverdueDeadlines,
    IReadOnlyDictionary<string, int>? AuthoritiesAboveThreshold,
    JsonElement? WorkforceThresholds)
{
    public const string NotInspected = "not-inspected";

    /// <summary>The grades in the order a reader compares them, best first; W6's measures in the order the table shows them.</summary>
    private static readonly string[] Grades = ["outstanding", "good", "requires-improvement", "inadequate"];
    private static readonly string[] Measures = ["caseload", "agency-rate", "turnover-rate"];

    /// <param name="thresholds">W6 as the workforce service is configured, to name each threshold; null when it did not say.</param>
    public static NationalHeadlines Count(IReadOnlyList<NationalRow> rows, IReadOnlyDictionary<string, SectionState> sections, JsonElement? thresholds)
    {
        bool Answered(string section) => sections[section].Status == Section.Available;

        var grades = Grades.Append(NotInspected).ToDictionary(grade => grade, _ => 0);
        foreach (var row in rows)
        {
            var grade = Text(row.LatestGrade, "overall") ?? NotInspected;
            grades[grade] = grades.GetValueOrDefault(grade) + 1;
        }

        var open = rows.Select(row => Text(row.Intervention, "status")).OfType<string>().Where(status => status != "closed").ToList();
        var overdue = rows.Select(row => row.Intervention is { } intervention ? intervention.GetProperty("overdue").GetArrayLength() : 0).ToList();
        var crossings = rows
            .SelectMany(row => row.Workforce is { } workforce ? workforce.GetProperty("thresholdsCrossed").EnumerateArray().Select(t => t.GetProperty("measure").GetString()!) : [])
            .ToList();
        return new NationalHeadlines(
            Answered("grades") ? grades : null,
            Answered("intervention") ? open.GroupBy(status => status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()) : null,
            Answered("intervention") ? overdue.Sum() : null,
            Answered("intervention") ? overdue.Count(count => count > 0) : null,
            Answered("workforce") ? Measures.ToDictionary(measure => measure, measure => crossings.Count(crossed => crossed == measure)) : null,
            thresholds);
    }

    private static string? Text(JsonElement? element, string property) =>
        element is { } value && value.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
}
