using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

/// <summary>Passwords are kept as ASP.NET Core Identity's salted PBKDF2 hashes, never as given.</summary>
public sealed class Passwords
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;

    private readonly PasswordHasher<PlatformUser> _hasher = new();

    public void Set(PlatformUser user, string password) => user.PasswordHash = _hasher.HashPassword(user, password);

    public bool Verify(PlatformUser user, string password) =>
        user.PasswordHash.Length > 0 && _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
