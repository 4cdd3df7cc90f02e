using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Providers.Domain;

namespace Platform.Providers.Data;

public sealed class ProvidersDbContext(DbContextOptions<ProvidersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();

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
    }
}
