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
            Expertise = expertise.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList(),
            RegisteredAt = now,
        };

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
