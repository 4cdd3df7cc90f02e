namespace Platform.Workforce.Domain;

/// <summary>
/// One organisation's children's social work workforce at the census date (30 September of
/// <see cref="CensusYear"/>), as submitted. A correction is a new version; earlier versions stay.
/// Rates are derived here (W2-W5), never stored, so they cannot disagree with the figures.
/// </summary>
public sealed class WorkforceReturn
{
    public Guid Id { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public int CensusYear { get; private set; }

    public int Version { get; private set; }

    public WorkforceFigures Figures { get; private set; } = null!;

    public DateTimeOffset SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    private WorkforceReturn()
    {
    }

    public static WorkforceReturn Submit(string localAuthority, int censusYear, int version, WorkforceFigures figures, string submittedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            CensusYear = censusYear,
            Version = version,
            Figures = figures,
            SubmittedAt = now,
            SubmittedBy = submittedBy,
        };

    /// <summary>The latest version of each authority's return for each census year among <paramref name="returns"/>.</summary>
    public static IEnumerable<WorkforceReturn> LatestVersions(IEnumerable<WorkforceReturn> returns) =>
        returns.GroupBy(r => (r.LocalAuthority, r.CensusYear)).Select(versions => versions.MaxBy(r => r.Version)!);

    /// <summary>
    /// A return is for a census from 2000 on that has been taken (30 September): one not yet taken cannot
    /// be submitted.
    /// </summary>
    public static bool IsRecordableCensus(int censusYear, DateOnly today) => CensusDate(censusYear) <= today;

    /// <summary>The census is taken on 30 September of its year; none for a year before 2000 or past what a date holds.</summary>
    public static DateOnly? CensusDate(int censusYear) => censusYear is >= 2000 and <= 9999 ? new DateOnly(censusYear, 9, 30) : null;
}

/// <summary>The submitted numbers (FTE per W1: contracted hours over standard hours).</summary>
public sealed record WorkforceFigures(
    int HeadcountEmployed,
    decimal FteEmployed,
    decimal CaseHoldingFte,
    decimal AgencyFte,
    decimal StartersFte,
    decimal LeaversFte,
    decimal VacanciesFte,
    int CasesHeld,
    decimal AbsenceDays)
{
    /// <summary>W1: full-time equivalent = contracted hours / the standard full-time hours; null when there is no standard.</summary>
    public static decimal? Fte(decimal contractedHours, decimal standardHours) =>
        standardHours <= 0 ? null : Math.Round(contractedHours / standardHours, 2, MidpointRounding.AwayFromZero);

    /// <summary>W2: agency FTE / (agency FTE + employed FTE).</summary>
    public decimal? AgencyRate => Ratio(AgencyFte, AgencyFte + FteEmployed);

    /// <summary>W3: leavers in the year / social workers in post at 30 September.</summary>
    public decimal? TurnoverRate => Ratio(LeaversFte, FteEmployed);

    /// <summary>W4: vacancies / (vacancies + in-post FTE).</summary>
    public decimal? VacancyRate => Ratio(VacanciesFte, VacanciesFte + FteEmployed);

    /// <summary>W5: cases / FTE of case-holding social workers.</summary>
    public decimal? Caseload => Ratio(CasesHeld, CaseHoldingFte);

    /// <summary>A measure with a zero denominator is undefined, not zero.</summary>
    private static decimal? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, 4, MidpointRounding.AwayFromZero);

    public IEnumerable<(string Field, string Message)> Check()
    {
        var values = new (string Field, decimal Value)[]
        {
            ("headcountEmployed", HeadcountEmployed), ("fteEmployed", FteEmployed), ("caseHoldingFte", CaseHoldingFte),
            ("agencyFte", AgencyFte), ("startersFte", StartersFte), ("leaversFte", LeaversFte),
            ("vacanciesFte", VacanciesFte), ("casesHeld", CasesHeld), ("absenceDays", AbsenceDays),
        };
        foreach (var (field, value) in values.Where(pair => pair.Value < 0))
        {
            yield return (field, $"'{field}' cannot be negative.");
        }

        if (CaseHoldingFte > FteEmployed + AgencyFte)
        {
            yield return ("caseHoldingFte", "Case-holding FTE cannot exceed employed plus agency FTE.");
        }
    }
}
