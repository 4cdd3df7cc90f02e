using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Providers.Domain;

namespace Platform.Providers.Data;

public sealed class ProvidersDbContext(DbContextOptions<ProvidersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();

    public DbSet<TrustRegistration> TrustRegistrations => Set<TrustRegistration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<LocalAuthority>(authority =>
        {
            authority.HasKey(la => la.Gss);
            authority.Property(la => la.Gss).HasMaxLength(9);
            authority.Property(la => la.LaNumber).HasMaxLength(3);
            authority.HasIndex(la => la.LaNumber).IsUnique();
            authority.Property(la => la.Name).HasMaxLength(200);
            authority.Property(la => la.RegionCode).HasMaxLength(10);
            authority.Property(la => la.RegionName).HasMaxLength(100);
            authority.Property(la => la.LaType).HasMaxLength(100);
        });
        modelBuilder.Entity<TrustRegistration>(registration =>
        {
            registration.HasKey(r => r.Id);
            registration.Property(r => r.LocalAuthority).HasMaxLength(9);
            registration.Property(r => r.Status).HasConversion<string>().HasMaxLength(40);
            registration.HasIndex(r => r.InterventionCaseId).IsUnique();
        });
    }
}
