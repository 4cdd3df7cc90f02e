using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Contracts.Data;

public sealed class ContractsDbContext(DbContextOptions<ContractsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Contract> Contracts => Set<Contract>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<Contract>(contract =>
        {
            contract.HasKey(c => c.Id);
            contract.Property(c => c.LocalAuthority).HasMaxLength(9);
            contract.Property(c => c.Title).HasMaxLength(300);
            contract.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
            contract.PrimitiveCollection(c => c.Scopes).ElementType().HasConversion<string>();
            contract.Property(c => c.Value).HasPrecision(18, 2);
            contract.Property(c => c.CreatedBy).HasMaxLength(200);
            contract.HasIndex(c => c.LocalAuthority);
            contract.HasIndex(c => c.ProviderId);
        });
    }
}
