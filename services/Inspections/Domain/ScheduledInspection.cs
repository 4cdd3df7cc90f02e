namespace Platform.Inspections.Domain;

public enum ScheduleStatus
{
    Due,
    Inspected,
    Overdue,
}

/// <summary>I4: a new trust is inspected a year after it starts operating.</summary>
public sealed class ScheduledInspection
{
    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string TrustName { get; private set; } = "";

    public string LocalAuthority { get; private set; } = "";

    public DateOnly OperatingFrom { get; private set; }

    public DateOnly DueBy { get; private set; }

    public bool OverdueRaised { get; private set; }

    private ScheduledInspection()
    {
    }

    public static ScheduledInspection ForNewTrust(Guid providerId, string trustName, string localAuthority, DateOnly operatingFrom) =>
        new()
        {
            Id = Guid.NewGuid(),
            ProviderId = providerId,
            TrustName = trustName,
            LocalAuthority = localAuthority,
            OperatingFrom = operatingFrom,
            DueBy = operatingFrom.AddMonths(12),
        };

    /// <summary>Inspected once a graded judgement on the trust's authority is published after it started operating.</summary>
    public ScheduleStatus StatusOn(DateOnly today, DateOnly? latestGradedPublication) =>
        latestGradedPublication is { } published && published >= OperatingFrom
            ? ScheduleStatus.Inspected
            : today > DueBy ? ScheduleStatus.Overdue : ScheduleStatus.Due;

    public void MarkOverdueRaised() => OverdueRaised = true;
}
