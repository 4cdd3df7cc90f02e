using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Messaging.Outbox;
using Platform.Testing.Probe;

namespace Platform.Messaging.Tests;

/// <summary>
/// The messaging guarantees of DESIGN.md, on the real broker and database. One test stops the broker,
/// so the class runs alone and each test starts its own probe service on its own database and vhost.
/// </summary>
[Collection(nameof(BrokerOutages))]
public sealed class OutboxAndInboxTests : IAsyncLifetime
{
    private readonly Deliveries _deliveries = new();
    private TestServers _servers = null!;
    private string _database = "";
    private string _broker = "";
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _database = _servers.NewDatabase("probe");
        _broker = await _servers.NewVirtualHostAsync("probe");
        _host = await ProbeHost.StartAsync(_database, _broker, _deliveries);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task An_event_is_published_only_if_its_transaction_commits()
    {
        var rolledBack = ProbeHost.NewEvent("rolled back");
        var committed = ProbeHost.NewEvent("committed");

        await _host.WriteAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Effects.Add(new Effect { Note = "state change that is undone" });
            db.AddEvent(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        await _host.WriteAsync(async db =>
        {
            db.AddEvent(committed);
            await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(committed.EventId)), because: "the committed event");
        _deliveries.Seen(rolledBack.EventId).ShouldBe(0);
        (await _host.ReadAsync(db => db.OutboxMessages.AnyAsync(m => m.EventId == rolledBack.EventId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_delivered_once_it_is_back()
    {
        await _servers.StopBrokerAsync();
        List<Guid> written = [];
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var integrationEvent = ProbeHost.NewEvent($"written during the outage {i}");
                written.Add(integrationEvent.EventId);
                await _host.WriteAsync(async db =>
                {
                    db.AddEvent(integrationEvent);
                    await db.SaveChangesAsync();
                });
            }

            (await _host.ReadAsync(db => db.OutboxMessages.CountAsync(m => written.Contains(m.EventId) && m.SentAt == null))).ShouldBe(20);
            var health = _host.Services.GetRequiredService<HealthCheckService>();
            var report = await Eventually.ReturnsAsync(
                async () => await health.CheckHealthAsync() is { Status: not HealthStatus.Healthy } unhealthy ? unhealthy : null,
                TimeSpan.FromSeconds(30), "the bus to notice the broker is gone");
            report.Status.ShouldBe(HealthStatus.Degraded, "writes are still taken while the broker is down");
            report.Entries["database"].Status.ShouldBe(HealthStatus.Healthy);
        }
        finally
        {
            await _servers.StartBrokerAsync();
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(written.All(_deliveries.Applied.ContainsKey)),
            TimeSpan.FromSeconds(60),
            "every event written during the outage");
        written.ShouldAllBe(id => _deliveries.Seen(id) == 1);
    }

    [Fact]
    public async Task Two_relays_on_one_outbox_never_publish_the_same_row_twice()
    {
        // This instance writes and consumes with its relay off; two relays race to publish its rows.
        await _host.StopAsync();
        _host.Dispose();
        _host = await ProbeHost.StartAsync(_database, _broker, _deliveries, relayEnabled: false);
        var events = Enumerable.Range(0, 300).Select(i => ProbeHost.NewEvent($"row {i}")).ToList();
        await _host.WriteAsync(async db =>
        {
            events.ForEach(db.AddEvent);
            await db.SaveChangesAsync();
        });

        var options = Options.Create(new OutboxOptions { BatchSize = 7 });
        var relays = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxRelay<ProbeDbContext>>(
            _host.Services, options, NullLogger<OutboxRelay<ProbeDbContext>>.Instance)).ToList();
        var published = await Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            var total = 0;
            for (int count; (count = await relay.PublishBatchAsync(CancellationToken.None)) > 0;)
            {
                total += count;
            }

            return total;
        })));

        published.Sum().ShouldBe(300);
        published.ShouldAllBe(count => count > 0, "both relays took part");
        (await _host.ReadAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null))).ShouldBe(0);
        await Eventually.TrueAsync(() => Task.FromResult(events.All(e => _deliveries.Applied.ContainsKey(e.EventId))), TimeSpan.FromSeconds(60));
        events.ShouldAllBe(e => _deliveries.Seen(e.EventId) == 1);
    }

    [Fact]
    public async Task Events_about_one_subject_are_applied_in_commit_order_across_replicas()
    {
        // A second replica on the same database and virtual host: two relays, two consumers of one queue.
        var replica = await ProbeHost.StartAsync(_database, _broker, _deliveries);
        var replicas = new[] { _host, replica };
        var subjects = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var written = new List<Guid>();
        try
        {
            // Each subject's events are written one after another, each in its own transaction and in
            // either replica in turn; the subjects are written side by side.
            await Task.WhenAll(subjects.Select(subject => Task.Run(async () =>
            {
                for (var round = 0; round < 80; round++)
                {
                    var integrationEvent = ProbeHost.NewEvent($"{round:D3}", subject: subject);
                    lock (written)
                    {
                        written.Add(integrationEvent.EventId);
                    }

                    await replicas[round % 2].WriteAsync(async db =>
                    {
                        db.AddEvent(integrationEvent);
                        await db.SaveChangesAsync();
                    });
                }
            })));

            await Eventually.TrueAsync(() => Task.FromResult(written.All(_deliveries.Applied.ContainsKey)), TimeSpan.FromSeconds(60), "every event applied");
            var effects = await _host.ReadAsync(db => db.Effects.Where(e => subjects.Select(s => s.ToString()).Contains(e.Subject)).OrderBy(e => e.Order).ToListAsync());
            foreach (var subject in effects.GroupBy(effect => effect.Subject))
            {
                var notes = subject.Select(effect => effect.Note).ToList();
                notes.ShouldBe(notes.Order(StringComparer.Ordinal).ToList(), $"{subject.Key}'s events in commit order");
            }
        }
        finally
        {
            await replica.StopAsync();
            replica.Dispose();
        }
    }

    [Fact]
    public async Task An_outbox_row_that_cannot_be_read_is_set_aside_after_its_attempts_and_the_rest_go_out()
    {
        var unreadable = OutboxMessage.For(Guid.NewGuid(), "NoSuchEvent", "{}", DateTimeOffset.UtcNow, null);
        var behind = Enumerable.Range(0, 5).Select(i => ProbeHost.NewEvent($"behind the unreadable row {i}")).ToList();
        await _host.WriteAsync(async db =>
        {
            db.OutboxMessages.Add(unreadable);
            await db.SaveChangesAsync();
            behind.ForEach(db.AddEvent);
            await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(() => Task.FromResult(behind.All(e => _deliveries.Applied.ContainsKey(e.EventId))), TimeSpan.FromSeconds(30), "the rows behind it");
        var setAside = await Eventually.ReturnsAsync(
            () => _host.ReadAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.EventId == unreadable.EventId && m.SetAsideAt != null)),
            TimeSpan.FromSeconds(30), "the row set aside");
        setAside.Attempts.ShouldBe(new OutboxOptions().MaxAttempts);
        setAside.LastError!.ShouldContain("NoSuchEvent");

        await using var scope = _host.Services.CreateAsyncScope();
        var office = scope.ServiceProvider.GetRequiredService<DeadLetters.DeadLetterOffice<ProbeDbContext>>();
        var report = await office.LookAsync(10, CancellationToken.None);
        report.SetAsideEvents.ShouldContain(e => e.EventId == unreadable.EventId && e.LastError!.Contains("NoSuchEvent"));
        (await office.RedriveAsync(CancellationToken.None)).SetAsideEvents.ShouldBe(1);
        var redriven = await _host.ReadAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.EventId == unreadable.EventId));
        (redriven.SetAsideAt is null || redriven.Attempts < setAside.Attempts).ShouldBeTrue("back in line, its attempts counted afresh");
    }

    [Fact]
    public async Task Sent_outbox_rows_and_old_inbox_rows_are_deleted_after_their_retention_and_nothing_else()
    {
        var events = Enumerable.Range(0, 3).Select(i => ProbeHost.NewEvent($"kept for a while {i}")).ToList();
        await _host.WriteAsync(async db =>
        {
            events.ForEach(db.AddEvent);
            await db.SaveChangesAsync();
        });
        await Eventually.TrueAsync(() => Task.FromResult(events.All(e => _deliveries.Applied.ContainsKey(e.EventId))), because: "the events applied");
        var old = events.Take(2).Select(e => e.EventId).ToList();
        await _host.WriteAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET sent_at = now() - interval '8 days' WHERE event_id = ANY({old})");
            await db.Database.ExecuteSqlAsync($"UPDATE inbox_messages SET processed_at = now() - interval '31 days' WHERE event_id = ANY({old})");
        });
        var unsent = ProbeHost.NewEvent("never sent");
        await _host.WriteAsync(async db =>
        {
            db.OutboxMessages.Add(OutboxMessage.For(unsent.EventId, "NoSuchEvent", "{}", DateTimeOffset.UtcNow.AddDays(-40), null));
            await db.SaveChangesAsync();
        });

        var deleted = await _host.Services.GetRequiredService<Retention.RetentionCleanup<ProbeDbContext>>().CheckAsync(CancellationToken.None);

        deleted.ShouldBeGreaterThanOrEqualTo(4);
        (await _host.ReadAsync(db => db.OutboxMessages.CountAsync(m => old.Contains(m.EventId)))).ShouldBe(0);
        (await _host.ReadAsync(db => db.InboxMessages.CountAsync(m => old.Contains(m.EventId)))).ShouldBe(0);
        (await _host.ReadAsync(db => db.OutboxMessages.AnyAsync(m => m.EventId == events[2].EventId))).ShouldBeTrue();
        (await _host.ReadAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == events[2].EventId))).ShouldBeTrue();
        (await _host.ReadAsync(db => db.OutboxMessages.AnyAsync(m => m.EventId == unsent.EventId))).ShouldBeTrue("an unsent row is never deleted");
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var integrationEvent = ProbeHost.NewEvent("delivered three times");
        var bus = _host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(integrationEvent);
        }

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Seen(integrationEvent.EventId) == 3), because: "all three deliveries");
        _deliveries.Applied[integrationEvent.EventId].ShouldBe(1);
        _deliveries.Duplicates[integrationEvent.EventId].ShouldBe(2);
        (await _host.ReadAsync(db => db.Effects.CountAsync(effect => effect.EventId == integrationEvent.EventId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_and_does_not_block_the_queue()
    {
        var poison = ProbeHost.NewEvent("poison", Deliveries.PoisonProvider);
        var healthy = ProbeHost.NewEvent("after the poison");
        var bus = _host.Services.GetRequiredService<IBus>();

        await bus.Publish(poison);
        await bus.Publish(healthy);

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(healthy.EventId)), because: "the message behind the poison");
        var queue = new KebabCaseEndpointNameFormatter(ProbeHost.ServiceName, false).Consumer<ProbeConsumer>();
        var errorMessage = await Eventually.ReturnsAsync(() => ErrorQueue.FirstMessageAsync(_broker, $"{queue}_error"), TimeSpan.FromSeconds(30), "the poison in the error queue");
        errorMessage.ShouldContain(poison.EventId.ToString());
        _deliveries.Applied.ContainsKey(poison.EventId).ShouldBeFalse();
        _deliveries.Attempts[poison.EventId].ShouldBe(4, "a failure of its own is retried three times, briefly");
        (await _host.ReadAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == poison.EventId))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_outage_longer_than_the_brief_retries_is_waited_out_and_the_event_applied()
    {
        var integrationEvent = ProbeHost.NewEvent("meets an outage", Deliveries.FlakyProvider);
        await _host.Services.GetRequiredService<IBus>().Publish(integrationEvent);

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(integrationEvent.EventId)), TimeSpan.FromSeconds(30), "the event once the outage ends");
        _deliveries.Attempts[integrationEvent.EventId].ShouldBe(Deliveries.FlakyAttempts + 1, "each attempt of the outage's retries made once, none of the brief ones");
    }
}

[CollectionDefinition(nameof(BrokerOutages), DisableParallelization = true)]
public sealed class BrokerOutages;
