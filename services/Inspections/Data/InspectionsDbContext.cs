using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Inspections.Data;

public sealed class InspectionsDbContext(DbContextOptions<InspectionsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Judgement> Judgements => Set<Judgement>();

    public DbSet<ScheduledInspection> Schedule => Set<ScheduledInspection>();

    /// <summary>When the authority's latest graded inspection (SIF or ILACS) was published, if ever.</summary>
    public Task<DateOnly?> LatestGradedPublicationAsync(string localAuthority, CancellationToken cancellationToken) =>
        Judgements.Where(j => j.LocalAuthority == localAuthority && j.IsCurrent && j.Overall != null)
            .MaxAsync(j => (DateOnly?)j.PublicationDate, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<Judgement>(judgement =>
        {
            judgement.HasKey(j => j.Id);
            judgement.HasIndex(j => new { j.JudgementId, j.Version }).IsUnique();
            judgement.Property(j => j.LocalAuthority).HasMaxLength(9);
            judgement.Property(j => j.Framework).HasConversion<string>().HasMaxLength(40);
            judgement.Property(j => j.Overall).HasConversion<string>().HasMaxLength(40);
            judgement.ComplexProperty(j => j.SubJudgements, sub =>
            {
                sub.Property(s => s.ImpactOfLeaders).HasConversion<string>().HasMaxLength(40);
                sub.Property(s => s.HelpAndProtection).HasConversion<string>().HasMaxLength(40);
                sub.Property(s => s.InCare).HasConversion<string>().HasMaxLength(40);
                sub.Property(s => s.CareLeavers).HasConversion<string>().HasMaxLength(40);
            });
            judgement.Property(j => j.ReportUrl).HasMaxLength(500);
            judgement.Property(j => j.ReportedGrades).HasMaxLength(300);
            judgement.Property(j => j.Source).HasMaxLength(40);
            judgement.Property(j => j.CorrectionReason).HasMaxLength(1000);
            judgement.Property(j => j.RecordedBy).HasMaxLength(200);
            judgement.HasIndex(j => new { j.LocalAuthority, j.PublicationDate });
            // Each authority's latest graded judgement is one probe of this index, however long its history.
            judgement.HasIndex(j => new { j.LocalAuthority, j.PublicationDate, j.Id })
                .IsDescending(false, true, true)
                .HasFilter("is_current AND overall IS NOT NULL");
        });
        modelBuilder.Entity<ScheduledInspection>(scheduled =>
        {
            scheduled.ToTable("inspection_schedule");
            scheduled.HasKey(s => s.Id);
            scheduled.HasIndex(s => new { s.ProviderId, s.LocalAuthority }).IsUnique();
            scheduled.Property(s => s.TrustName).HasMaxLength(300);
            scheduled.Property(s => s.LocalAuthority).HasMaxLength(9);
        });
    }
}
