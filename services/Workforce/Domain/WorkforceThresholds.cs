namespace Platform.Workforce.Domain;

/// <summary>W6, bound from <c>Workforce:Thresholds</c>: the figures above which a return is a concern.</summary>
public sealed class WorkforceThresholds
{
    public const string Section = "Workforce:Thresholds";

    /// <summary>Cases per case-holding FTE; 20 is the figure practitioners name.</summary>
    public decimal Caseload { get; set; } = 20m;

    public decimal AgencyRate { get; set; } = 0.25m;

    public decimal TurnoverRate { get; set; } = 0.20m;

    /// <summary>The measures of <paramref name="figures"/> above their threshold (a measure that is undefined crosses nothing).</summary>
    public IReadOnlyList<ThresholdCrossing> CrossedBy(WorkforceFigures figures) =>
        new (string Measure, decimal? Value, decimal Threshold)[]
            {
                (WorkforceMeasure.Caseload.Name, figures.Caseload, Caseload),
                (WorkforceMeasure.AgencyRate.Name, figures.AgencyRate, AgencyRate),
                (WorkforceMeasure.TurnoverRate.Name, figures.TurnoverRate, TurnoverRate),
            }
            .Where(check => check.Value > check.Threshold)
            .Select(check => new ThresholdCrossing(check.Measure, check.Value!.Value, check.Threshold))
            .ToList();
}

public sealed record ThresholdCrossing(string Measure, decimal Value, decimal Threshold);
