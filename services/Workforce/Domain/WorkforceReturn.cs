using Platform.Messaging.Events;

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

    /// <summary>
    /// The other authorities a joint return covers (W7): a trust serving several councils files one
    /// return for them all, under the first it names. Empty for an authority's own return.
    /// </summary>
    public List<string> JointWith { get; private set; } = [];

    /// <summary>Every authority whose census this return is.</summary>
    public IEnumerable<string> Covers => JointWith.Prepend(LocalAuthority);

    public DateTimeOffset SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    private WorkforceReturn()
    {
    }

    public static WorkforceReturn Submit(
        string localAuthority, IReadOnlyList<string> jointWith, int censusYear, int version, WorkforceFigures figures, string submittedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            JointWith = [.. jointWith],
            CensusYear = censusYear,
            Version = version,
            Figures = figures,
            SubmittedAt = now,
            SubmittedBy = submittedBy,
        };

    /// <summary>The event that tells other services of this version, when it is submitted and when a service catches up.</summary>
    public WorkforceReturnSubmitted Announcement() => new()
    {
        OccurredAt = SubmittedAt,
        ReturnId = Id,
        LocalAuthority = LocalAuthority,
        JointWith = [.. JointWith],
        CensusYear = CensusYear,
        Version = Version,
        AgencyRate = Figures.AgencyRate,
        TurnoverRate = Figures.TurnoverRate,
        VacancyRate = Figures.VacancyRate,
        Caseload = Figures.Caseload,
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

/// <summary>
/// The submitted numbers (FTE per W1: contracted hours over standard hours). A figure DfE published
/// suppressed or missing is null, never zero (W7): the measures that need it are then undefined.
/// </summary>
public sealed record WorkforceFigures(
    int? HeadcountEmployed,
    decimal? FteEmployed,
    decimal? CaseHoldingFte,
    decimal? AgencyFte,
    decimal? StartersFte,
    decimal? LeaversFte,
    decimal? VacanciesFte,
    int? CasesHeld,
    decimal? AbsenceDays)
{
    /// <summary>W1: full-time equivalent = contracted hours / the standard full-time hours; null when there is no standard.</summary>
    public static decimal? Fte(decimal contractedHours, decimal standardHours) =>
        standardHours <= 0 ? null : Math.Round(contractedHours / standardHours, 2, MidpointRounding.AwayFromZero);

    public decimal? AgencyRate => WorkforceMeasure.AgencyRate.Of(this);

    public decimal? TurnoverRate => WorkforceMeasure.TurnoverRate.Of(this);

    public decimal? VacancyRate => WorkforceMeasure.VacancyRate.Of(this);

    public decimal? Caseload => WorkforceMeasure.Caseload.Of(this);

    /// <summary>England's whole children's social work workforce is about 33,000 FTE and its cases about 350,000: no figure of one return comes near this.</summary>
    public const decimal MaximumFigure = 1_000_000m;

    public IEnumerable<(string Field, string Message)> Check()
    {
        var values = new (string Field, decimal? Value)[]
        {
            ("headcountEmployed", HeadcountEmployed), ("fteEmployed", FteEmployed), ("caseHoldingFte", CaseHoldingFte),
            ("agencyFte", AgencyFte), ("startersFte", StartersFte), ("leaversFte", LeaversFte),
            ("vacanciesFte", VacanciesFte), ("casesHeld", CasesHeld), ("absenceDays", AbsenceDays),
        };
        foreach (var (field, _) in values.Where(pair => pair.Value < 0))
        {
            yield return (field, $"'{field}' cannot be negative.");
        }

        foreach (var (field, _) in values.Where(pair => pair.Value > MaximumFigure))
        {
            yield return (field, $"'{field}' is at most {MaximumFigure:N0}: far above any authority's figure, England's included.");
        }

        if (CaseHoldingFte > FteEmployed + AgencyFte)
        {
            yield return ("caseHoldingFte", "Case-holding FTE cannot exceed employed plus agency FTE.");
        }
    }
}
