using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Inspections.Data;

public sealed class InspectionsDbContext(DbContextOptions<InspectionsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Judgement> Judgements => Set<Judgement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<Judgement>(judgement =>
        {
            judgement.HasKey(j => j.Id);
            judgement.Property(j => j.LocalAuthority).HasMaxLength(9);
            judgement.Property(j => j.Framework).HasConversion<string>().HasMaxLength(40);
            judgement.Property(j => j.Overall).HasConversion<string>().HasMaxLength(40);
            judgement.Property(j => j.ReportUrl).HasMaxLength(500);
            judgement.Property(j => j.RecordedBy).HasMaxLength(200);
            judgement.HasIndex(j => new { j.LocalAuthority, j.PublicationDate });
        });
    }
}
