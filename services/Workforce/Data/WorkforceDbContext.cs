using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Data;

public sealed class WorkforceDbContext(DbContextOptions<WorkforceDbContext> options) : MessagingDbContext(options)
{
    public DbSet<WorkforceReturn> Returns => Set<WorkforceReturn>();

    public DbSet<ServingTrust> Trusts => Set<ServingTrust>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<ServingTrust>(trust =>
        {
            trust.ToTable("serving_trusts");
            trust.HasKey(t => new { t.ProviderId, t.LocalAuthority });
            trust.Property(t => t.LocalAuthority).HasMaxLength(9);
            trust.Property(t => t.Name).HasMaxLength(300);
        });
        modelBuilder.Entity<WorkforceReturn>(workforceReturn =>
        {
            workforceReturn.ToTable("workforce_returns");
            workforceReturn.HasKey(r => r.Id);
            workforceReturn.Property(r => r.LocalAuthority).HasMaxLength(9);
            workforceReturn.Property(r => r.SubmittedBy).HasMaxLength(200);
            workforceReturn.HasIndex(r => new { r.LocalAuthority, r.CensusYear, r.Version }).IsUnique();
            workforceReturn.Property(r => r.JointWith).HasDefaultValueSql("'{}'::text[]");
            workforceReturn.Ignore(r => r.Covers);
            workforceReturn.ComplexProperty(r => r.Figures, figures =>
            {
                figures.Property(f => f.FteEmployed).HasPrecision(10, 2);
                figures.Property(f => f.CaseHoldingFte).HasPrecision(10, 2);
                figures.Property(f => f.AgencyFte).HasPrecision(10, 2);
                figures.Property(f => f.StartersFte).HasPrecision(10, 2);
                figures.Property(f => f.LeaversFte).HasPrecision(10, 2);
                figures.Property(f => f.VacanciesFte).HasPrecision(10, 2);
                figures.Property(f => f.AbsenceDays).HasPrecision(10, 2);
            });
        });
    }
}
