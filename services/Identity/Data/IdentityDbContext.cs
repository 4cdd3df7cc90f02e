using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Keys;
using Platform.Identity.Users;

namespace Platform.Identity.Data;

/// <summary>
/// The identity service's own database: OpenIddict's clients, authorizations and tokens, the people who
/// sign in, the keys tokens are signed with, and the data-protection keys its replicas share.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<PlatformUser> Users => Set<PlatformUser>();

    public DbSet<StoredKey> Keys => Set<StoredKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();

        modelBuilder.Entity<PlatformUser>(user =>
        {
            user.HasKey(u => u.Subject);
            user.Property(u => u.Subject).HasMaxLength(PlatformUser.SubjectMaxLength);
            user.Property(u => u.Role).HasMaxLength(32);
            user.Property(u => u.PasswordHash).HasMaxLength(200);
            user.Property(u => u.Version).IsRowVersion();
        });

        modelBuilder.Entity<StoredKey>(key =>
        {
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(64);
            key.Property(k => k.Purpose).HasConversion<string>().HasMaxLength(16);
            key.HasIndex(k => new { k.Purpose, k.NotBefore });
        });
    }
}
