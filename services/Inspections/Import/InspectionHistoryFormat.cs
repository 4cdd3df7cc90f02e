using Platform.Inspections.Domain;

namespace Platform.Inspections.Import;

/// <summary>
/// DOMAIN I3b: one row per inspection (<c>gss_code,la_code,name,publication_date,framework,overall,
/// impact_of_leaders,help_and_protection,in_care,care_leavers,report</c>), framework SIF, ILACS or other.
/// A blank care_leavers on an ILACS row means care leavers were judged with children in care.
/// </summary>
public sealed class InspectionHistoryFormat : IImportFormat
{
    public string Name => "inspection-history";

    public bool Recognises(IReadOnlyCollection<string> header) =>
        header.Contains("gss_code") && header.Contains("framework") && header.Contains("overall") && header.Contains("publication_date");

    public (ImportedRow? Row, string? Error) Read(int line, Func<string, string?> field)
    {
        var framework = field("framework")?.Trim() switch
        {
            "SIF" or "sif" => Framework.Sif,
            "ILACS" or "ilacs" => Framework.Ilacs,
            "other" or "Other" => Framework.Other,
            _ => (Framework?)null,
        };
        if (framework is null)
        {
            return (null, $"framework '{field("framework")}' is not SIF, ILACS or other.");
        }

        if (!ImportWords.TryDate(field("publication_date"), "publication_date", ["yyyy-MM-dd", "dd/MM/yyyy"], out var published, out var error))
        {
            return (null, error);
        }

        if (published is null)
        {
            return (null, "publication_date is missing.");
        }

        if (!ImportWords.TryGrade(field("overall"), "overall", out var overall, out error)
            || !ImportWords.TryGrade(field("impact_of_leaders"), "impact_of_leaders", out var leaders, out error)
            || !ImportWords.TryGrade(field("help_and_protection"), "help_and_protection", out var help, out error)
            || !ImportWords.TryGrade(field("in_care"), "in_care", out var inCare, out error)
            || !ImportWords.TryGrade(field("care_leavers"), "care_leavers", out var careLeavers, out error))
        {
            return (null, error);
        }

        // "other" inspections carry no overall grade or key judgements (I2): grades a row gives for one
        // are kept as reported, not dropped, and play no part in the rules.
        var sub = framework == Framework.Other ? SubJudgements.None : new SubJudgements(leaders, help, inCare, careLeavers);
        var reported = framework == Framework.Other ? Reported(("overall", overall), ("impact of leaders", leaders), ("help and protection", help), ("in care", inCare), ("care leavers", careLeavers)) : null;
        var report = field("report")?.Trim();
        var reportUrl = Uri.TryCreate(report, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? report : null;
        return (new ImportedRow(line, field("gss_code")?.Trim(), field("la_code")?.Trim(), framework.Value, null, null, published.Value,
            framework == Framework.Other ? null : overall, sub, reportUrl, reported), null);
    }

    private static string? Reported(params (string Heading, Grade? Grade)[] grades)
    {
        var given = grades.Where(entry => entry.Grade is not null).Select(entry => $"{entry.Heading}: {Words.Of(entry.Grade!.Value).Replace('-', ' ')}").ToList();
        return given.Count == 0 ? null : string.Join("; ", given);
    }
}
