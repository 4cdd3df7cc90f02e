using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Providers.Domain;
using Platform.Providers.Domain.Registry;

namespace Platform.Providers.Data;

public sealed class ProvidersDbContext(DbContextOptions<ProvidersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();

    public DbSet<EndedLocalAuthority> EndedLocalAuthorities => Set<EndedLocalAuthority>();

    public DbSet<TrustRegistration> TrustRegistrations => Set<TrustRegistration>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<RegistryAuditEntry> Audit => Set<RegistryAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EndedLocalAuthority>(ended =>
        {
            ended.HasKey(la => la.Gss);
            ended.Property(la => la.Gss).HasMaxLength(9);
            ended.Property(la => la.LaNumber).HasMaxLength(3);
            ended.Property(la => la.Name).HasMaxLength(200);
        });

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
        modelBuilder.Entity<Organisation>(organisation =>
        {
            organisation.HasKey(o => o.Id);
            organisation.Property(o => o.Version).IsRowVersion();
            organisation.Property(o => o.Name).HasMaxLength(300);
            organisation.Property(o => o.Type).HasMaxLength(60);
            organisation.Property(o => o.Subtype).HasMaxLength(60);
            organisation.Property(o => o.CompanyNumber).HasMaxLength(8);
            organisation.Property(o => o.CharityNumber).HasMaxLength(7);
            organisation.Property(o => o.RegisteredAddress).HasMaxLength(500);
            organisation.Property(o => o.ControllerVotingShare).HasPrecision(5, 4);
            organisation.Property(o => o.ClaimedControllerVotingShare).HasPrecision(5, 4);
            organisation.Ignore(o => o.ClaimedController);
            organisation.Property(o => o.Council).HasMaxLength(9);
            organisation.Property(o => o.RegisteredBy).HasMaxLength(200);
            organisation.HasIndex(o => o.CompanyNumber);
            organisation.HasIndex(o => o.ControllerId);
            organisation.HasIndex(o => o.GroupId);
            organisation.Property(o => o.OfstedUrn).HasMaxLength(8);
            organisation.PrimitiveCollection(o => o.PlacementRoles);
            organisation.OwnsMany(o => o.Scopes, scope =>
            {
                scope.ToTable("scope_applications");
                scope.WithOwner().HasForeignKey("organisation_id");
                scope.HasKey(a => a.Id);
                scope.Property(a => a.Id).ValueGeneratedNever();
                scope.Property(a => a.Scope).HasMaxLength(60);
                scope.Property(a => a.Status).HasConversion<string>().HasMaxLength(40);
                scope.Property(a => a.Rule).HasMaxLength(10);
                scope.Property(a => a.DecidedBy).HasMaxLength(200);
            });
            organisation.Navigation(o => o.Scopes).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<RegistryAuditEntry>(audit =>
        {
            audit.ToTable("registry_audit");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Action).HasMaxLength(60);
            audit.Property(a => a.By).HasMaxLength(200);
            audit.HasIndex(a => a.OrganisationId);
        });
        modelBuilder.Entity<TrustRegistration>(registration =>
        {
            registration.HasKey(r => r.Id);
            registration.Property(r => r.LocalAuthority).HasMaxLength(9);
            registration.Property(r => r.Status).HasConversion<string>().HasMaxLength(40);
            registration.Property(r => r.Version).IsRowVersion();
            registration.Property(r => r.EndReason).HasMaxLength(500);
            registration.HasIndex(r => r.InterventionCaseId).IsUnique();
            // A council has one registration of its own open at a time: of two sent at once, the second is refused.
            registration.HasIndex(r => r.LocalAuthority, "ix_trust_registrations_one_open_per_council").IsUnique()
                .HasFilter("intervention_case_id IS NULL AND status = 'Requested'");
        });
    }
}
