using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;

namespace Platform.Testing.Probe;

/// <summary>A minimal service on the shared messaging library (one table, one idempotent consumer, the outbox relay), for the messaging tests and bench/Events.</summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Effect>().HasKey(effect => effect.Id);
        modelBuilder.Entity<Effect>().Property(effect => effect.Order).UseIdentityAlwaysColumn();
    }
}

public sealed class Effect
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid EventId { get; set; }

    public string Subject { get; set; } = "";

    public string Note { get; set; } = "";

    /// <summary>The order in which effects were written.</summary>
    public long Order { get; set; }
}

/// <summary>Every delivery it sees, by event id: committed applications and skipped duplicates.</summary>
public sealed class Deliveries
{
    public static readonly Guid PoisonProvider = Guid.Parse("00000000-0000-0000-0000-00000000dead");

    /// <summary>A provider whose events meet a database that does not answer for their first <see cref="FlakyAttempts"/> attempts.</summary>
    public static readonly Guid FlakyProvider = Guid.Parse("00000000-0000-0000-0000-0000000f1a6e");

    public const int FlakyAttempts = 6;

    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public ConcurrentDictionary<Guid, int> Applied { get; } = new();

    public ConcurrentDictionary<Guid, int> Duplicates { get; } = new();

    /// <summary>Deliveries of an event with this note reach the consumer <see cref="LateBy"/> after they arrive, as one overtaken on its way to a batch would.</summary>
    public string? LateNote { get; set; }

    public static readonly TimeSpan LateBy = TimeSpan.FromMilliseconds(300);

    public int Seen(Guid eventId) => Applied.GetValueOrDefault(eventId) + Duplicates.GetValueOrDefault(eventId);

    /// <summary>Counts an attempt to apply the event; throws as the poison and flaky providers do.</summary>
    public void Attempt(ContractDrafted message)
    {
        var attempt = Attempts.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);
        if (message.ProviderId == PoisonProvider)
        {
            throw new InvalidOperationException("This message can never be applied.");
        }

        if (message.ProviderId == FlakyProvider && attempt <= FlakyAttempts)
        {
            throw new TimeoutException("The database did not answer in time.");
        }
    }
}

/// <summary>Applies ContractDrafted by writing an effect row; throws for the poison provider id, and as an outage would for the flaky one.</summary>
public sealed class ProbeConsumer(ProbeDbContext db, TimeProvider time, Deliveries deliveries)
    : IdempotentConsumer<ContractDrafted, ProbeDbContext>(db, time)
{
    protected override Task ApplyAsync(ContractDrafted message, CancellationToken cancellationToken)
    {
        deliveries.Attempt(message);

        Db.Effects.Add(new Effect { EventId = message.EventId, Subject = message.Subject, Note = message.LocalAuthority });
        return Task.CompletedTask;
    }

    // Counted once committed: a delivery that loses the race on the inbox key is rolled back and retried as a duplicate.
    protected override void OnApplied(ContractDrafted message) =>
        deliveries.Applied.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);

    protected override void OnDuplicate(ContractDrafted message) =>
        deliveries.Duplicates.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);
}

/// <summary>The same effects as <see cref="ProbeConsumer"/>, a batch of deliveries at a time.</summary>
public sealed class ProbeBatchConsumer(ProbeDbContext db, TimeProvider time, Deliveries deliveries)
    : IdempotentBatchConsumer<ContractDrafted, ProbeDbContext>(db, time)
{
    protected override async Task ApplyAsync(IReadOnlyList<ContractDrafted> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            deliveries.Attempt(message);
        }

        // Copied in the batch's order, so the effects' order is the order they were applied in.
        await Db.CopyAsync([.. messages.Select(message => new Effect { EventId = message.EventId, Subject = message.Subject, Note = message.LocalAuthority })], cancellationToken);
    }

    protected override void OnApplied(ContractDrafted message) =>
        deliveries.Applied.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);

    protected override void OnDuplicate(ContractDrafted message) =>
        deliveries.Duplicates.AddOrUpdate(message.EventId, 1, (_, count) => count + 1);
}

/// <summary>Holds back the deliveries <see cref="Deliveries.LateNote"/> names, so later ones overtake them.</summary>
public sealed class LateArrivalFilter(Deliveries deliveries) : IFilter<ConsumeContext<ContractDrafted>>
{
    public async Task Send(ConsumeContext<ContractDrafted> context, IPipe<ConsumeContext<ContractDrafted>> next)
    {
        if (context.Message.LocalAuthority == deliveries.LateNote)
        {
            await Task.Delay(Deliveries.LateBy, context.CancellationToken);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("lateArrival");
}

public static class ProbeHost
{
    public const string ServiceName = "probe";

    /// <param name="batched">Consumes with <see cref="ProbeBatchConsumer"/> instead of <see cref="ProbeConsumer"/>.</param>
    /// <param name="channelFilter">Runs on every channel the consumer's endpoint opens, ahead of its consumer.</param>
    /// <param name="settings">Configuration over the probe's own.</param>
    public static async Task<IHost> StartAsync(
        string database, string broker, Deliveries deliveries, bool relayEnabled = true, bool batched = false,
        IFilter<ChannelContext>? channelFilter = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:probe"] = database,
            ["ConnectionStrings:rabbitmq"] = broker,
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:01",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
            ["Messaging:Outbox:RelayEnabled"] = relayEnabled.ToString(),
        });
        // An outage's retries, shortened: eight pauses of 50 ms.
        builder.Configuration.AddInMemoryCollection(Enumerable.Range(0, 8)
            .Select(index => KeyValuePair.Create<string, string?>($"Messaging:Retry:TransientIntervals:{index}", "00:00:00.050")));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(deliveries);
        builder.AddServiceDatabase<ProbeDbContext>("probe", applyMigrations: false);
        builder.AddServiceMessaging<ProbeDbContext>(ServiceName, bus =>
        {
            if (batched)
            {
                bus.AddOrderedBatchConsumer<ProbeBatchConsumer, ContractDrafted>();
                bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseFilter(new LateArrivalFilter(deliveries)));
            }
            else
            {
                bus.AddOrderedConsumer<ProbeConsumer>();
            }

            if (channelFilter is not null)
            {
                bus.AddConfigureEndpointsCallback((_, endpoint) => ((IRabbitMqReceiveEndpointConfigurator)endpoint).ConfigureChannel(channel => channel.UseFilter(channelFilter)));
            }
        });
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return host;
    }

    public static ContractDrafted NewEvent(string note = "E08000025", Guid? provider = null, Guid? subject = null) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        ContractId = subject ?? Guid.NewGuid(),
        LocalAuthority = note,
        ProviderId = provider ?? Guid.NewGuid(),
    };

    public static async Task WriteAsync(this IHost host, Func<ProbeDbContext, Task> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }

    public static async Task<T> ReadAsync<T>(this IHost host, Func<ProbeDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }
}
