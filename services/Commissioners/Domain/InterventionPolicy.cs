using System.Text.Json.Serialization;

namespace Platform.Commissioners.Domain;

/// <summary>The two readings of the intervention regime (DOMAIN, Intervention); the deployment chooses.</summary>
public enum InterventionPolicy
{
    /// <summary>The Prime Minister's announcement, December 2015 (default).</summary>
    [JsonStringEnumMemberName("seeds-2015")]
    Seeds2015,

    /// <summary>The minister's written answer, April 2016.</summary>
    [JsonStringEnumMemberName("dfe-2016")]
    Dfe2016,
}

public sealed class InterventionOptions
{
    public const string Section = "Intervention";

    /// <summary>The preset by name, as configured: <c>seeds-2015</c> (default) or <c>dfe-2016</c>.</summary>
    public string PolicyName { get; set; } = "seeds-2015";

    public InterventionPolicy Policy => PolicyName switch
    {
        "seeds-2015" => InterventionPolicy.Seeds2015,
        "dfe-2016" => InterventionPolicy.Dfe2016,
        _ => throw new InvalidOperationException($"{Section}:PolicyName must be seeds-2015 or dfe-2016, not '{PolicyName}'."),
    };

    /// <summary>T7: how many appointments one commissioner may hold at once.</summary>
    public int MaxConcurrentAppointments { get; set; } = 2;

    /// <summary>How often the deadline monitor looks for passed deadlines.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A rule that fired: which, under which policy, why in words, and on which judgements.</summary>
public sealed record RuleFinding(string Rule, InterventionPolicy Policy, string Explanation, IReadOnlyList<Guid> JudgementIds);
