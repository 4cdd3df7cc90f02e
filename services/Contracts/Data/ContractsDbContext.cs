using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Domain;
using Platform.Contracts.Domain.ReadModels;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Contracts.Data;

public sealed class ContractsDbContext(DbContextOptions<ContractsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<ProviderStanding> Providers => Set<ProviderStanding>();

    public DbSet<WorkforceFigures> Workforce => Set<WorkforceFigures>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<Contract>(contract =>
        {
            contract.HasKey(c => c.Id);
            contract.Property(c => c.LocalAuthority).HasMaxLength(9);
            contract.Property(c => c.Title).HasMaxLength(ContractRules.MaximumTitleLength);
            contract.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
            contract.Property(c => c.ReviewCadence).HasConversion<string>().HasMaxLength(40);
            contract.PrimitiveCollection(c => c.Scopes).ElementType().HasConversion<string>();
            contract.PrimitiveCollection(c => c.BreakPoints);
            contract.Property(c => c.Value).HasPrecision(18, 2);
            contract.Property(c => c.CreatedBy).HasMaxLength(200);
            contract.Property(c => c.AwardedBy).HasMaxLength(200);
            contract.Property(c => c.Revision).IsConcurrencyToken();
            contract.HasIndex(c => c.LocalAuthority);
            contract.HasIndex(c => c.ProviderId);
            contract.HasIndex(c => c.Status);

            // The parts of a contract are read and changed with it: one JSON document each.
            contract.OwnsMany(c => c.Kpis, kpi =>
            {
                kpi.ToJson();
                kpi.Property(k => k.Measure).HasConversion<string>();
            });
            contract.OwnsMany(c => c.Variations, variation =>
            {
                variation.ToJson();
                variation.OwnsMany(v => v.Changes);
            });
            contract.OwnsMany(c => c.Reviews, review =>
            {
                review.ToJson();
                review.OwnsMany(r => r.Ratings, rating =>
                {
                    rating.Property(r => r.Measure).HasConversion<string>();
                    rating.Property(r => r.Rating).HasConversion<string>();
                });
                review.PrimitiveCollection(r => r.Breached).ElementType().HasConversion<string>();
            });
            contract.OwnsMany(c => c.RemedialNotices, notice =>
            {
                notice.ToJson();
                notice.PrimitiveCollection(n => n.Measures).ElementType().HasConversion<string>();
            });
            contract.OwnsMany(c => c.Payments, payment => payment.ToJson());
        });
        modelBuilder.Entity<ProviderStanding>(provider =>
        {
            provider.ToTable("provider_standings");
            provider.HasKey(p => p.ProviderId);
            provider.Property(p => p.ProviderId).ValueGeneratedNever();
            provider.Property(p => p.Name).HasMaxLength(300);
            provider.Property(p => p.CompanyNumber).HasMaxLength(8);
            provider.Property(p => p.CharityNumber).HasMaxLength(7);
        });
        modelBuilder.Entity<WorkforceFigures>(figures =>
        {
            figures.ToTable("workforce_figures");
            figures.HasKey(f => new { f.LocalAuthority, f.CensusYear });
            figures.Property(f => f.LocalAuthority).HasMaxLength(9);
        });
    }
}
