using Platform.Inspections.Domain;

namespace Platform.Inspections.Import;

/// <summary>
/// DOMAIN I3: Ofsted's published summary sheet (columns of <c>ilacs-summary-sample.csv</c>): inspection
/// dates dd/mm/yyyy, publication dd/mm/yy, lower-case grade words, the authority by <c>ltla23cd</c>
/// (GSS) and <c>la_code</c>.
/// </summary>
public sealed class OfstedSummaryFormat : IImportFormat
{
    public string Name => "ofsted-summary";

    public bool Recognises(IReadOnlyCollection<string> header) =>
        header.Contains("ltla23cd") && header.Contains("overall_effectiveness_grade") && header.Contains("publication_date");

    public (ImportedRow? Row, string? Error) Read(int line, Func<string, string?> field)
    {
        var framework = field("inspection_framework")?.Trim() switch
        {
            "standard" => Framework.IlacsStandard,
            "short" => Framework.IlacsShort,
            var absent when ImportWords.IsAbsent(absent) => Framework.Ilacs,
            var other => (Framework?)null,
        };
        if (framework is null)
        {
            return (null, $"inspection_framework '{field("inspection_framework")}' is not standard, short or None.");
        }

        string[] longDates = ["dd/MM/yyyy"];
        if (!ImportWords.TryDate(field("inspection_start_date"), "inspection_start_date", longDates, out var start, out var error)
            || !ImportWords.TryDate(field("inspection_end_date"), "inspection_end_date", longDates, out var end, out error)
            || !ImportWords.TryDate(field("publication_date"), "publication_date", ["dd/MM/yy"], out var published, out error))
        {
            return (null, error);
        }

        if (published is null)
        {
            return (null, "publication_date is missing.");
        }

        if (!ImportWords.TryGrade(field("overall_effectiveness_grade"), "overall_effectiveness_grade", out var overall, out error)
            || !ImportWords.TryGrade(field("impact_of_leaders_grade"), "impact_of_leaders_grade", out var leaders, out error)
            || !ImportWords.TryGrade(field("help_and_protection_grade"), "help_and_protection_grade", out var help, out error)
            || !ImportWords.TryGrade(field("in_care_grade"), "in_care_grade", out var inCare, out error)
            || !ImportWords.TryGrade(field("care_leavers_grade"), "care_leavers_grade", out var careLeavers, out error))
        {
            return (null, error);
        }

        var link = field("inspection_link");
        return (new ImportedRow(
            line, field("ltla23cd")?.Trim(), field("la_code")?.Trim(), framework.Value, start, end, published.Value, overall,
            new SubJudgements(leaders, help, inCare, careLeavers), ImportWords.IsAbsent(link) ? null : link!.Trim()), null);
    }
}
