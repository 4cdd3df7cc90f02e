namespace Platform.Workforce.Domain;

/// <summary>
/// W2-W5, each the ratio of two quantities of a return's counts. One authority's measure is that
/// ratio; a group's (England, a region) is the ratio of the sums over the returns that define it, as
/// DfE computes a national rate, never an average of rates. A measure whose count is missing is
/// undefined for that return and leaves it out of a group's sums (W7).
/// </summary>
public sealed class WorkforceMeasure
{
    public static readonly WorkforceMeasure AgencyRate = new("agency-rate", isRate: true, f => f.AgencyFte, f => f.AgencyFte + f.FteEmployed);

    public static readonly WorkforceMeasure TurnoverRate = new("turnover-rate", isRate: true, f => f.LeaversFte, f => f.FteEmployed);

    public static readonly WorkforceMeasure VacancyRate = new("vacancy-rate", isRate: true, f => f.VacanciesFte, f => f.VacanciesFte + f.FteEmployed);

    public static readonly WorkforceMeasure Caseload = new("caseload", isRate: false, f => f.CasesHeld, f => f.CaseHoldingFte);

    public static readonly IReadOnlyList<WorkforceMeasure> All = [AgencyRate, TurnoverRate, VacancyRate, Caseload];

    private readonly Func<WorkforceFigures, decimal?> _numerator;
    private readonly Func<WorkforceFigures, decimal?> _denominator;

    private WorkforceMeasure(string name, bool isRate, Func<WorkforceFigures, decimal?> numerator, Func<WorkforceFigures, decimal?> denominator)
    {
        Name = name;
        IsRate = isRate;
        _numerator = numerator;
        _denominator = denominator;
    }

    /// <summary>The measure's name in payloads and threshold crossings.</summary>
    public string Name { get; }

    /// <summary>A rate is a fraction (DfE publishes it as a percentage); caseload is cases per FTE.</summary>
    public bool IsRate { get; }

    public decimal? Of(WorkforceFigures figures) => Ratio(_numerator(figures), _denominator(figures));

    public decimal? OverGroup(IEnumerable<WorkforceFigures> returns)
    {
        var parts = returns.Select(f => (Numerator: _numerator(f), Denominator: _denominator(f)))
            .Where(part => part.Numerator is not null && part.Denominator is not null)
            .ToList();
        return parts.Count == 0 ? null : Ratio(parts.Sum(part => part.Numerator), parts.Sum(part => part.Denominator));
    }

    /// <summary>As DfE publishes it: a rate as a percentage, caseload as it is, both to one decimal place.</summary>
    public decimal? AsPublished(decimal? value) =>
        value is { } measured ? Math.Round(IsRate ? measured * 100 : measured, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>A zero denominator leaves the measure undefined, not zero.</summary>
    private static decimal? Ratio(decimal? numerator, decimal? denominator) =>
        numerator is null || denominator is null or 0 ? null : Math.Round(numerator.Value / denominator.Value, 4, MidpointRounding.AwayFromZero);
}
