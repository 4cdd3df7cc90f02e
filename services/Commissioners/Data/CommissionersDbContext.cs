using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Data;

public sealed class CommissionersDbContext(DbContextOptions<CommissionersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<InterventionCase> Cases => Set<InterventionCase>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<InterventionCase>(interventionCase =>
        {
            interventionCase.ToTable("intervention_cases");
            interventionCase.HasKey(c => c.Id);
            interventionCase.Property(c => c.LocalAuthority).HasMaxLength(9);
            interventionCase.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
            interventionCase.HasIndex(c => c.LocalAuthority);
            // One event, one case: the judgement that opened a case cannot open another.
            interventionCase.HasIndex(c => c.TriggeringJudgementId).IsUnique();
        });
    }
}
