namespace Platform.Contracts.Domain;

/// <summary>C3 measures: the workforce figures (DOMAIN W2-W5) and timeliness measures.</summary>
public enum KpiMeasure
{
    /// <summary>Cases per FTE case-holding social worker (W5); lower is better.</summary>
    Caseload,

    /// <summary>Agency FTE share (W2), 0-1; lower is better.</summary>
    AgencyRate,

    /// <summary>Leavers over social workers in post (W3), 0-1; lower is better.</summary>
    TurnoverRate,

    /// <summary>Vacancies over vacancies plus FTE in post (W4), 0-1; lower is better.</summary>
    VacancyRate,

    /// <summary>Share of assessments completed within 45 working days, 0-1; higher is better.</summary>
    AssessmentTimeliness,

    /// <summary>Share of child protection visits made on time, 0-1; higher is better.</summary>
    VisitTimeliness,
}

public enum Rating
{
    Green,
    Amber,
    Red,

    /// <summary>No figure was submitted and no workforce return gives one.</summary>
    NotRated,
}

/// <summary>A KPI of a contract: its measure, its target and how far short of it is still amber.</summary>
public sealed record Kpi(KpiMeasure Measure, decimal Target, decimal AmberMargin);

/// <summary>C3: the range of each measure and how a figure is rated against its target.</summary>
public static class KpiRules
{
    /// <summary>When the contract does not say, a figure within 10 % of its target is amber.</summary>
    public const decimal DefaultAmberShare = 0.10m;

    public const decimal MaximumCaseload = 100m;

    public static bool LowerIsBetter(KpiMeasure measure) => measure is not (KpiMeasure.AssessmentTimeliness or KpiMeasure.VisitTimeliness);

    public static decimal Maximum(KpiMeasure measure) => measure == KpiMeasure.Caseload ? MaximumCaseload : 1m;

    /// <summary>A target or figure outside the measure's range, in words; null when it is within it.</summary>
    public static string? OutOfRange(KpiMeasure measure, decimal value) =>
        value < 0 || value > Maximum(measure)
            ? measure == KpiMeasure.Caseload
                ? $"A caseload is between 0 and {MaximumCaseload} cases per FTE (W5)."
                : "A rate is a share between 0 and 1 (C3)."
            : null;

    public static Rating Rate(Kpi kpi, decimal? actual)
    {
        if (actual is not { } figure)
        {
            return Rating.NotRated;
        }

        var shortfall = LowerIsBetter(kpi.Measure) ? figure - kpi.Target : kpi.Target - figure;
        return shortfall <= 0 ? Rating.Green : shortfall <= kpi.AmberMargin ? Rating.Amber : Rating.Red;
    }

    /// <summary>The workforce return's figure for a measure the returns feed (W2-W5), else null.</summary>
    public static decimal? FromWorkforce(KpiMeasure measure, ReadModels.WorkforceFigures figures) => measure switch
    {
        KpiMeasure.Caseload => figures.Caseload,
        KpiMeasure.AgencyRate => figures.AgencyRate,
        KpiMeasure.TurnoverRate => figures.TurnoverRate,
        KpiMeasure.VacancyRate => figures.VacancyRate,
        _ => null,
    };
}
