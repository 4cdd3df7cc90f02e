namespace Platform.Inspections.Domain;

/// <summary>The checks a judgement must pass before it is recorded; each failure names its field.</summary>
public static class JudgementRules
{
    public sealed record Problem(string Field, string Message);

    public static IEnumerable<Problem> Check(JudgementFacts facts, DateOnly today)
    {
        if (facts.InspectionStartDate is { } start && facts.InspectionEndDate is { } end)
        {
            if (end < start)
            {
                yield return new("inspectionEndDate", "The inspection cannot end before it starts.");
            }

            if (start > today)
            {
                yield return new("inspectionStartDate", "A judgement cannot be recorded for an inspection that has not started.");
            }
        }

        if (facts.InspectionEndDate is { } ended && facts.PublicationDate < ended)
        {
            yield return new("publicationDate", "A judgement is published after the inspection ends.");
        }

        if (facts.PublicationDate > today)
        {
            yield return new("publicationDate", "A judgement is recorded once published: the publication date cannot be in the future.");
        }

        // I2: graded inspections carry an overall grade, visits do not, nor key judgements.
        if (facts.Framework.HasOverallGrade() && facts.Overall is null)
        {
            yield return new("overall", $"A {Words.Of(facts.Framework)} inspection carries an overall grade.");
        }
        else if (!facts.Framework.HasOverallGrade())
        {
            if (facts.Overall is not null)
            {
                yield return new("overall", $"A {Words.Of(facts.Framework)} carries no overall grade (DOMAIN I2).");
            }

            if (facts.SubJudgements.Graded.Any())
            {
                yield return new("subJudgements", $"A {Words.Of(facts.Framework)} carries no key judgements (DOMAIN I2).");
            }
        }

        if ((facts.WholesaleInadequateServices || facts.CorporateFailureBySeniorLeaders) && facts.Overall != Grade.Inadequate)
        {
            yield return new("wholesaleInadequateServices", "Wholesale inadequate services and corporate failure are findings of an inadequate judgement.");
        }

        if (facts.ReportUrl is not null && !(Uri.TryCreate(facts.ReportUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            yield return new("reportUrl", "The report link must be an absolute http(s) URL.");
        }
    }
}

/// <summary>The kebab-case words the API uses for enum values, for messages and events.</summary>
public static class Words
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string? Of<TEnum>(TEnum? value)
        where TEnum : struct, Enum =>
        value is { } present ? Of(present) : null;
}
