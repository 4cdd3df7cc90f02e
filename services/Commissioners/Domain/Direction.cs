namespace Platform.Commissioners.Domain;

public enum DirectionStatus
{
    Open,
    Complied,
}

/// <summary>T5: a direction a commissioner gives the authority, to make urgent improvements by a date.</summary>
public sealed class Direction
{
    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid CommissionerId { get; private set; }

    public string Text { get; private set; } = "";

    public DateOnly IssuedOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DirectionStatus Status { get; private set; }

    public DateOnly? CompliedOn { get; private set; }

    public string IssuedBy { get; private set; } = "";

    /// <summary>PostgreSQL's row version (xmin): of two records of compliance sent at once, the second to save finds it changed.</summary>
    public uint Version { get; private set; }

    private Direction()
    {
    }

    public static Direction Issue(InterventionCase interventionCase, Guid commissionerId, string text, DateOnly issuedOn, DateOnly dueOn, string by)
    {
        if (interventionCase.Status is not (CaseStatus.CommissionerAppointed or CaseStatus.OutcomeDecided) || interventionCase.CommissionerId != commissionerId)
        {
            throw new RuleViolationException("T5", "Directions are issued by the commissioner appointed to the case, while the appointment lasts.");
        }

        if (dueOn <= issuedOn)
        {
            throw new RuleViolationException("T5", "A direction is due after it is issued.");
        }

        return new Direction
        {
            Id = Guid.NewGuid(),
            CaseId = interventionCase.Id,
            CommissionerId = commissionerId,
            Text = text,
            IssuedOn = issuedOn,
            DueOn = dueOn,
            Status = DirectionStatus.Open,
            IssuedBy = by,
        };
    }

    public void RecordCompliance(DateOnly on)
    {
        if (Status == DirectionStatus.Complied)
        {
            throw new RuleViolationException("T5", $"The direction was already complied with on {CompliedOn:yyyy-MM-dd}.");
        }

        if (on < IssuedOn)
        {
            throw new RuleViolationException("T5", "Compliance cannot predate the direction.");
        }

        Status = DirectionStatus.Complied;
        CompliedOn = on;
    }

    public bool IsOverdue(DateOnly today) => Status == DirectionStatus.Open && today > DueOn;
}
