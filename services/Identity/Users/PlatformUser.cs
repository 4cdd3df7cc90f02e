namespace Platform.Identity.Users;

/// <summary>
/// A person who signs in at the identity service: the claims their tokens carry (role, the authorities
/// they act for, the provider they act for) and a password hash.
/// </summary>
public sealed class PlatformUser
{
    public const int SubjectMaxLength = 100;

    public required string Subject { get; init; }

    public required string Role { get; set; }

    public List<string> LocalAuthorities { get; set; } = [];

    public Guid? ProviderId { get; set; }

    public string PasswordHash { get; set; } = "";

    public uint Version { get; private set; }
}
