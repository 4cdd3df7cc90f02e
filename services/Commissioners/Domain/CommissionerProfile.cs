namespace Platform.Commissioners.Domain;

/// <summary>
/// A person DfE may appoint as commissioner: an expert, often the director of a well-rated council
/// (their home authority). <see cref="Subject"/> is the identity their tokens carry.
/// </summary>
public sealed class CommissionerProfile
{
    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Subject { get; private set; } = "";

    /// <summary>GSS code of the authority that employs them, if any.</summary>
    public string? HomeAuthority { get; private set; }

    public List<string> Expertise { get; private set; } = [];

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>PostgreSQL's row version (xmin), answered as ETag: a change sent for an older one is refused.</summary>
    public uint Version { get; private set; }

    private CommissionerProfile()
    {
    }

    public static CommissionerProfile Register(string name, string subject, string? homeAuthority, IEnumerable<string> expertise, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Subject = subject,
            HomeAuthority = homeAuthority,
            Expertise = Tidy(expertise),
            RegisteredAt = now,
        };

    /// <summary>
    /// A new name, employer or expertise. T7: a commissioner cannot come to be employed by an authority
    /// where they hold an appointment.
    /// </summary>
    public void Change(string name, string? homeAuthority, IEnumerable<string> expertise, IReadOnlyCollection<string> currentAppointments)
    {
        if (homeAuthority is not null && homeAuthority != HomeAuthority && currentAppointments.Contains(homeAuthority))
        {
            throw new RuleViolationException("T7", $"{Name} holds an appointment at {homeAuthority}, so cannot be employed by it; end the appointment first.");
        }

        Name = name;
        HomeAuthority = homeAuthority;
        Expertise = Tidy(expertise);
    }

    private static List<string> Tidy(IEnumerable<string> expertise) => expertise.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();

    /// <summary>
    /// T7: not employed by the authority concerned, no current appointment there, and fewer current
    /// appointments than the bound. Returns why not, or null when eligible.
    /// </summary>
    public string? WhyNotEligible(string localAuthority, IReadOnlyCollection<string> currentAppointments, int maxConcurrentAppointments)
    {
        if (HomeAuthority == localAuthority)
        {
            return $"{Name} is employed by {localAuthority}, the authority concerned.";
        }

        if (currentAppointments.Contains(localAuthority))
        {
            return $"{Name} already holds an appointment at {localAuthority}.";
        }

        return currentAppointments.Count >= maxConcurrentAppointments
            ? $"{Name} already holds {currentAppointments.Count} appointments ({string.Join(", ", currentAppointments)}); the bound is {maxConcurrentAppointments}."
            : null;
    }
}
