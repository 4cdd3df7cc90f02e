using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Testing.Probe;

namespace Platform.Messaging.Tests;

/// <summary>
/// The guarantees of <see cref="Inbox.IdempotentBatchConsumer{TEvent, TContext}"/> on the real broker and
/// database: once each, in commit order across replicas, a bad event alone to the error queue, an outage
/// waited out.
/// </summary>
public sealed class BatchedInboxTests : IAsyncLifetime
{
    private readonly Deliveries _deliveries = new();
    private string _database = "";
    private string _broker = "";
    private IHost _host = null!;

    private static string ErrorQueueName => $"{new KebabCaseEndpointNameFormatter(ProbeHost.ServiceName, false).Consumer<ProbeBatchConsumer>()}_error";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        _database = servers.NewDatabase("batched");
        _broker = await servers.NewVirtualHostAsync("batched");
        _host = await ProbeHost.StartAsync(_database, _broker, _deliveries, batched: true);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task An_event_delivered_three_times_is_applied_once()
    {
        var integrationEvent = ProbeHost.NewEvent("delivered three times");
        var bus = _host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(integrationEvent);
        }

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Seen(integrationEvent.EventId) == 3), because: "all three deliveries");
        _deliveries.Applied[integrationEvent.EventId].ShouldBe(1);
        (await _host.ReadAsync(db => db.Effects.CountAsync(effect => effect.EventId == integrationEvent.EventId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_event_goes_to_the_error_queue_alone_and_the_rest_of_its_batch_is_applied()
    {
        var events = Enumerable.Range(0, 30).Select(i => ProbeHost.NewEvent($"{i:D2}", i == 15 ? Deliveries.PoisonProvider : null)).ToList();
        var bus = _host.Services.GetRequiredService<IBus>();
        await Task.WhenAll(events.Select(integrationEvent => bus.Publish(integrationEvent)));

        var good = events.Where(e => e.ProviderId != Deliveries.PoisonProvider).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(good.All(e => _deliveries.Applied.ContainsKey(e.EventId))), TimeSpan.FromSeconds(30), "the good events");
        var poison = events[15];
        var dead = await Eventually.ReturnsAsync(() => ErrorQueue.FirstMessageAsync(_broker, ErrorQueueName), TimeSpan.FromSeconds(30), "the bad event in the error queue");
        dead.ShouldContain(poison.EventId.ToString());
        _deliveries.Applied.ContainsKey(poison.EventId).ShouldBeFalse();
        (await _host.ReadAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == poison.EventId))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_outage_is_waited_out_and_the_batch_applied()
    {
        var flaky = ProbeHost.NewEvent("meets an outage", Deliveries.FlakyProvider);
        await _host.Services.GetRequiredService<IBus>().Publish(flaky);

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(flaky.EventId)), TimeSpan.FromSeconds(30), "the event once the outage ends");
        _deliveries.Attempts[flaky.EventId].ShouldBe(Deliveries.FlakyAttempts + 1);
    }

    [Fact]
    public async Task A_delivery_overtaken_on_its_way_to_a_batch_is_applied_before_the_events_that_overtook_it()
    {
        _deliveries.LateNote = "05";
        var subject = Guid.NewGuid();
        var events = Enumerable.Range(0, 12).Select(i => ProbeHost.NewEvent($"{i:D2}", subject: subject)).ToList();
        await _host.WriteAsync(async db =>
        {
            foreach (var integrationEvent in events)
            {
                db.AddEvent(integrationEvent);
            }

            await db.SaveChangesAsync();
        });

        var late = events[5];
        await Eventually.TrueAsync(() => Task.FromResult(events.All(e => _deliveries.Seen(e.EventId) == (e == late ? 2 : 1))), TimeSpan.FromSeconds(30), "every delivery done with");
        var notes = await _host.ReadAsync(db => db.Effects.Where(e => e.Subject == subject.ToString()).OrderBy(e => e.Order).Select(e => e.Note).ToListAsync());
        notes.ShouldBe([.. events.Select(e => e.LocalAuthority)], "the overtaken event applied in its place");
        _deliveries.Applied[late.EventId].ShouldBe(1);
        _deliveries.Duplicates[late.EventId].ShouldBe(1, "applied with the batch it missed, so its own batch found it done");
    }

    [Fact]
    public async Task Events_about_one_subject_are_applied_in_commit_order_across_replicas()
    {
        var replica = await ProbeHost.StartAsync(_database, _broker, _deliveries, batched: true);
        var replicas = new[] { _host, replica };
        var subjects = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var written = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        try
        {
            await Task.WhenAll(subjects.Select(subject => Task.Run(async () =>
            {
                for (var round = 0; round < 80; round++)
                {
                    var integrationEvent = ProbeHost.NewEvent($"{round:D3}", subject: subject);
                    written.Add(integrationEvent.EventId);
                    await replicas[round % 2].WriteAsync(async db =>
                    {
                        db.AddEvent(integrationEvent);
                        await db.SaveChangesAsync();
                    });
                }
            })));

            await Eventually.TrueAsync(() => Task.FromResult(written.All(_deliveries.Applied.ContainsKey)), TimeSpan.FromSeconds(60), "every event applied");
            var effects = await _host.ReadAsync(db => db.Effects.Where(e => subjects.Select(s => s.ToString()).Contains(e.Subject)).OrderBy(e => e.Order).ToListAsync());
            effects.Count.ShouldBe(320);
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
}
