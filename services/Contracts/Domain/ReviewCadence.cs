namespace Platform.Contracts.Domain;

/// <summary>How often a contract's KPIs are reviewed (C1).</summary>
public enum ReviewCadence
{
    Monthly,
    Quarterly,
    SixMonthly,
    Annual,
}

public static class ReviewCadences
{
    public static int Months(this ReviewCadence cadence) => cadence switch
    {
        ReviewCadence.Monthly => 1,
        ReviewCadence.Quarterly => 3,
        ReviewCadence.SixMonthly => 6,
        ReviewCadence.Annual => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, null),
    };

    /// <summary>The first and last day of review period <paramref name="sequence"/> (1-based) of a term starting on <paramref name="start"/>.</summary>
    public static (DateOnly Start, DateOnly End) Period(this ReviewCadence cadence, DateOnly start, int sequence) =>
        (start.AddMonths(cadence.Months() * (sequence - 1)), start.AddMonths(cadence.Months() * sequence).AddDays(-1));
}
