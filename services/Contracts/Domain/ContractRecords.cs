namespace Platform.Contracts.Domain;

/// <summary>The terms a council sets and may vary (C1).</summary>
public sealed record ContractTerms(
    string Title, IReadOnlyList<ServiceScope> Scopes, decimal Value, DateOnly StartDate, DateOnly EndDate,
    IReadOnlyList<DateOnly> BreakPoints, IReadOnlyList<Kpi> Kpis, ReviewCadence? ReviewCadence);

/// <summary>One field a variation changed, before and after, in words.</summary>
public sealed record FieldChange
{
    public required string Field { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }
}

/// <summary>C4: a variation, kept whole: who, when, what changed and why.</summary>
public sealed record Variation
{
    public required int Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }

    public required string Reason { get; init; }

    public required List<FieldChange> Changes { get; init; }

    public static IReadOnlyList<FieldChange> Compare(ContractTerms before, ContractTerms after)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string from, string to)
        {
            if (from != to)
            {
                changes.Add(new FieldChange { Field = field, From = from, To = to });
            }
        }

        Compare("title", before.Title, after.Title);
        Compare("scopes", string.Join(", ", before.Scopes.Order().Select(s => s.Word())), string.Join(", ", after.Scopes.Distinct().Order().Select(s => s.Word())));
        Compare("value", before.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), after.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Compare("endDate", before.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Compare("breakPoints", Dates(before.BreakPoints), Dates(after.BreakPoints.Distinct().Order().ToList()));
        Compare("kpis", Describe(before.Kpis), Describe(after.Kpis));
        Compare("reviewCadence", before.ReviewCadence?.ToString() ?? "none", after.ReviewCadence?.ToString() ?? "none");
        return changes;
    }

    private static string Dates(IReadOnlyList<DateOnly> dates) =>
        dates.Count == 0 ? "none" : string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Describe(IReadOnlyList<Kpi> kpis) =>
        kpis.Count == 0 ? "none" : string.Join("; ", kpis.OrderBy(k => k.Measure).Select(k => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{k.Measure} {k.Target} (amber within {k.AmberMargin})")));
}

/// <summary>One KPI's figure for a review period, where it came from and its rating (C3).</summary>
public sealed record KpiRating
{
    public required KpiMeasure Measure { get; init; }

    public required decimal Target { get; init; }

    public decimal? Actual { get; init; }

    /// <summary>"submitted", or the workforce return it came from.</summary>
    public required string Source { get; init; }

    public required Rating Rating { get; init; }
}

/// <summary>C3: the ratings of one review period and the KPIs it found in breach.</summary>
public sealed record Review
{
    public required int Sequence { get; init; }

    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }

    public required List<KpiRating> Ratings { get; init; }

    public required List<KpiMeasure> Breached { get; init; }
}

/// <summary>C3: a breach leads to a remedial notice with a due date.</summary>
public sealed record RemedialNotice
{
    public required Guid Id { get; init; }

    public required int ReviewSequence { get; init; }

    public required List<KpiMeasure> Measures { get; init; }

    public required DateOnly IssuedOn { get; init; }

    public required DateOnly DueOn { get; init; }

    public required string Detail { get; init; }
}

/// <summary>A payment from the council to the provider under the contract (an OCDS transaction, C5).</summary>
public sealed record Payment
{
    public required Guid Id { get; init; }

    public required DateOnly Date { get; init; }

    public required decimal Amount { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A change the contract rules refuse, naming the rule.</summary>
public sealed class ContractRuleException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
