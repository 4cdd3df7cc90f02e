using System.ComponentModel.DataAnnotations;

namespace Platform.Identity.Keys;

/// <summary>How the identity service's keys turn over, bound from <c>Identity:Keys</c>.</summary>
public sealed class KeyRingOptions : IValidatableObject
{
    public const string Section = "Identity:Keys";

    /// <summary>How long a key is the one in use before the next takes over.</summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a new key is published before it is used: longer than the validators' metadata refresh,
    /// so they hold it before the first token it signs reaches them.
    /// </summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a key stays published after the next took over: the longest token lifetime and the clock skew.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often each replica reads the ring (a key another replica made, a key whose time has come).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Protects the private keys where they are stored.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lead <= TimeSpan.Zero || RefreshInterval <= TimeSpan.Zero || RotationInterval <= Lead)
        {
            yield return new ValidationResult("Lead and RefreshInterval must be positive and RotationInterval longer than Lead.", [nameof(Lead), nameof(RotationInterval)]);
        }

        if (RefreshInterval >= Lead)
        {
            yield return new ValidationResult("RefreshInterval must be shorter than Lead, so every replica holds a key before it is used.", [nameof(RefreshInterval)]);
        }
    }
}
