using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Domain;
using Platform.Messaging;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Data;

public sealed class CommissionersDbContext(DbContextOptions<CommissionersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<InterventionCase> Cases => Set<InterventionCase>();

    public DbSet<JudgementRecord> Judgements => Set<JudgementRecord>();

    public DbSet<CommissionerProfile> Register => Set<CommissionerProfile>();

    public DbSet<Direction> Directions => Set<Direction>();

    /// <summary>Cases with their transitions, as every change to a case needs them.</summary>
    public IQueryable<InterventionCase> CasesWithHistory => Cases.Include(c => c.Transitions);

    /// <summary>The cases where commissioners currently hold an appointment (T7 counts them).</summary>
    public IQueryable<InterventionCase> CurrentAppointments =>
        Cases.Where(c => c.CommissionerId != null && (c.Status == CaseStatus.CommissionerAppointed || c.Status == CaseStatus.OutcomeDecided));

    /// <summary>
    /// T7 reads a commissioner's current appointments before adding one or changing their employer: such
    /// writes for one commissioner take turns, in this replica or another, until the transaction ends.
    /// </summary>
    public Task LockCommissionerAsync(Guid commissionerId, CancellationToken cancellationToken) =>
        this.LockAsync(CommissionerLockSpace, [commissionerId.ToString()], cancellationToken);

    private const int CommissionerLockSpace = 0x5437;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddLocalAuthorityDirectory();
        modelBuilder.Entity<InterventionCase>(interventionCase =>
        {
            interventionCase.ToTable("intervention_cases");
            interventionCase.HasKey(c => c.Id);
            interventionCase.Property(c => c.Version).IsRowVersion();
            interventionCase.Property(c => c.LocalAuthority).HasMaxLength(9);
            interventionCase.Property(c => c.Status).HasConversion<string>().HasMaxLength(40);
            interventionCase.Property(c => c.Policy).HasConversion<string>().HasMaxLength(40);
            interventionCase.Property(c => c.Progress).HasConversion<string>().HasMaxLength(40);
            interventionCase.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(40);
            interventionCase.Property(c => c.FiredRule).HasMaxLength(10);
            interventionCase.Property(c => c.Commissioner).HasMaxLength(200);
            interventionCase.Property(c => c.DirectionReference).HasMaxLength(200);
            interventionCase.Property(c => c.TakeoverAuthority).HasMaxLength(9);
            // Each authority's latest case is one probe of this index, however many cases it has had.
            interventionCase.HasIndex(c => new { c.LocalAuthority, c.JudgementPublished, c.OpenedAt, c.Id })
                .IsDescending(false, true, true, true);
            // One event, one case: the judgement that opened a case cannot open another.
            interventionCase.HasIndex(c => c.TriggeringJudgementId).IsUnique();
            interventionCase.OwnsMany(c => c.Transitions, transition =>
            {
                transition.ToTable("case_transitions");
                transition.WithOwner().HasForeignKey("case_id");
                transition.HasKey(t => t.Id);
                transition.Property(t => t.Id).ValueGeneratedNever();
                transition.Property(t => t.From).HasConversion<string>().HasMaxLength(40);
                transition.Property(t => t.To).HasConversion<string>().HasMaxLength(40);
                transition.Property(t => t.Rule).HasMaxLength(10);
                transition.Property(t => t.By).HasMaxLength(200);
            });
            interventionCase.Navigation(c => c.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<CommissionerProfile>(profile =>
        {
            profile.ToTable("commissioners");
            profile.HasKey(p => p.Id);
            profile.Property(p => p.Version).IsRowVersion();
            profile.Property(p => p.Name).HasMaxLength(200);
            profile.Property(p => p.Subject).HasMaxLength(200);
            profile.HasIndex(p => p.Subject).IsUnique();
            profile.Property(p => p.HomeAuthority).HasMaxLength(9);
        });
        modelBuilder.Entity<Direction>(direction =>
        {
            direction.ToTable("directions");
            direction.HasKey(d => d.Id);
            direction.Property(d => d.Version).IsRowVersion();
            direction.Property(d => d.Status).HasConversion<string>().HasMaxLength(40);
            direction.Property(d => d.Text).HasMaxLength(4000);
            direction.Property(d => d.IssuedBy).HasMaxLength(200);
            direction.HasIndex(d => d.CaseId);
        });
        modelBuilder.Entity<JudgementRecord>(judgement =>
        {
            judgement.ToTable("judgements");
            judgement.HasKey(j => j.JudgementId);
            judgement.Property(j => j.JudgementId).ValueGeneratedNever();
            judgement.Property(j => j.LocalAuthority).HasMaxLength(9);
            judgement.Property(j => j.Framework).HasMaxLength(40);
            judgement.HasIndex(j => new { j.LocalAuthority, j.PublicationDate });
        });
    }
}
