using Microsoft.EntityFrameworkCore;
using Platform.Integrations.EventLog;
using Platform.Integrations.Webhooks;
using Platform.Messaging;

namespace Platform.Integrations.Data;

public sealed class IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options) : MessagingDbContext(options)
{
    public DbSet<EventLogEntry> EventLog => Set<EventLogEntry>();

    public DbSet<WebhookSubscription> Subscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookAttempt> Attempts => Set<WebhookAttempt>();

    public DbSet<WebhookRedelivery> Redeliveries => Set<WebhookRedelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EventLogEntry>(entry =>
        {
            entry.ToTable("event_log");
            entry.HasKey(e => e.Position);
            // Positions are given by the log's own insert (the next after the highest), never by a sequence: see EventLogWriter.
            entry.Property(e => e.Position).ValueGeneratedNever();
            entry.HasIndex(e => e.EventId).IsUnique();
            entry.Property(e => e.Type).HasMaxLength(200);
            entry.Property(e => e.Subject).HasMaxLength(100);
            entry.Property(e => e.LocalAuthority).HasMaxLength(9);
            entry.HasIndex(e => new { e.LocalAuthority, e.Position });
            entry.HasIndex(e => new { e.Type, e.Position });
            entry.HasIndex(e => e.Time);
        });
        modelBuilder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.ToTable("webhook_subscriptions");
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Owner).HasMaxLength(200);
            subscription.Property(s => s.Url).HasMaxLength(WebhookSubscriptionsApi.MaxUrlLength);
            subscription.Property(s => s.Secret).HasMaxLength(100);
            subscription.Property(s => s.PreviousSecret).HasMaxLength(100);
            subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            subscription.Property(s => s.DisabledReason).HasMaxLength(1000);
            subscription.Property(s => s.LastError).HasMaxLength(1000);
            subscription.Property(s => s.LeasedBy).HasMaxLength(200);
            subscription.Property(s => s.Version).IsRowVersion();
            subscription.HasIndex(s => s.Owner);
            subscription.HasIndex(s => new { s.Status, s.NextAttemptAt });
        });
        modelBuilder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("webhook_attempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
            attempt.Property(a => a.Error).HasMaxLength(1000);
            attempt.HasIndex(a => new { a.SubscriptionId, a.Id });
        });
        modelBuilder.Entity<WebhookRedelivery>(redelivery =>
        {
            redelivery.ToTable("webhook_redeliveries");
            redelivery.HasKey(r => new { r.SubscriptionId, r.Position });
        });
    }
}
