using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

/// <summary>
/// Base of every service's DbContext: it carries the outbox and inbox tables, so a state change,
/// the events it causes and the events it consumed are committed in one transaction.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Queues an event for publication when (and only if) the next SaveChanges commits.</summary>
    public void AddEvent(IntegrationEvent integrationEvent) => OutboxMessages.Add(ToOutbox(integrationEvent));

    /// <summary>The outbox row for an event, for callers that write rows in bulk (<see cref="BulkInsert"/>).</summary>
    public static OutboxMessage ToOutbox(IntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        return OutboxMessage.For(
            integrationEvent.EventId,
            IntegrationEventTypes.NameOf(type),
            JsonSerializer.Serialize(integrationEvent, type, EventJson.Options),
            integrationEvent.OccurredAt,
            Activity.Current?.Id);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.HasKey(message => message.Sequence);
            outbox.Property(message => message.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(message => message.EventId).IsUnique();
            outbox.Property(message => message.EventType).HasMaxLength(200);
            outbox.Property(message => message.TraceParent).HasMaxLength(128);
            // The relay's claim reads the rows in line, however many sent ones wait for the retention cleanup.
            outbox.HasIndex(message => message.Sequence, "ix_outbox_messages_in_line").HasFilter("sent_at IS NULL AND set_aside_at IS NULL");
            outbox.HasIndex(message => message.SentAt);
            outbox.Property(message => message.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_keys");
            record.HasKey(r => new { r.Caller, r.Key });
            record.Property(r => r.Caller).HasMaxLength(200);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.ContentType).HasMaxLength(200);
            record.HasIndex(r => r.ExpiresAt);
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.HasKey(message => new { message.EventId, message.Consumer });
            inbox.Property(message => message.Consumer).HasMaxLength(200);
            inbox.Property(message => message.EventType).HasMaxLength(200);
            inbox.HasIndex(message => message.ProcessedAt);
        });
    }
}
