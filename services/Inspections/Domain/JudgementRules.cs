namespace Platform.Inspections.Domain;

/// <summary>The checks a judgement must pass before it is recorded; each failure names its field.</summary>
public static class JudgementRules
{
    public sealed record Problem(string Field, string Message);

    public static IEnumerable<Problem> Check(
        Framework framework,
        DateOnly inspectionStartDate,
        DateOnly inspectionEndDate,
        DateOnly publicationDate,
        Grade? overall,
        string? reportUrl,
        DateOnly today)
    {
        if (inspectionEndDate < inspectionStartDate)
        {
            yield return new("inspectionEndDate", "The inspection cannot end before it starts.");
        }

        if (publicationDate < inspectionEndDate)
        {
            yield return new("publicationDate", "A judgement is published after the inspection ends.");
        }

        if (inspectionStartDate > today)
        {
            yield return new("inspectionStartDate", "A judgement cannot be recorded for an inspection that has not started.");
        }

        if (publicationDate > today)
        {
            yield return new("publicationDate", "A judgement is recorded once published: the publication date cannot be in the future.");
        }

        // I2: graded inspections carry an overall grade, visits do not.
        if (framework.HasOverallGrade() && overall is null)
        {
            yield return new("overall", $"A {Words.Of(framework)} inspection carries an overall grade.");
        }
        else if (!framework.HasOverallGrade() && overall is not null)
        {
            yield return new("overall", $"A {Words.Of(framework)} carries no overall grade (DOMAIN I2).");
        }

        if (reportUrl is not null && !(Uri.TryCreate(reportUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            yield return new("reportUrl", "The report link must be an absolute http(s) URL.");
        }
    }
}

/// <summary>The kebab-case words the API uses for enum values, for messages.</summary>
public static class Words
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
