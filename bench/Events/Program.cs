using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Events;
using Platform.Testing;
using Platform.Testing.Probe;

namespace Platform.Bench.Events;

/// <summary>
/// Events per second from a committed outbox row, through the relay and RabbitMQ, to a consumer's
/// committed effect (inbox row and effect in one transaction), with one and with three replicas of the
/// service; and, in the same run on the same broker and database server, MassTransit's own publish and
/// consume committing the same effect; each for a consumer taking one delivery at a time and for one
/// taking a batch at a time. The figures that matter are the ratios.
/// </summary>
public static class EventsBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--events" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        const int subjects = 200;
        const int perTransaction = 50;
        Console.WriteLine("Starting PostgreSQL and RabbitMQ...");
        var servers = await TestServers.GetAsync();

        var raw = await MeasureRawAsync(servers, count, subjects);
        var oneReplica = await MeasurePlatformAsync(servers, count, subjects, perTransaction, replicas: 1, batched: false);
        var threeReplicas = await MeasurePlatformAsync(servers, count, subjects, perTransaction, replicas: 3, batched: false);
        var oneReplicaBatched = await MeasurePlatformAsync(servers, count, subjects, perTransaction, replicas: 1, batched: true);
        var threeReplicasBatched = await MeasurePlatformAsync(servers, count, subjects, perTransaction, replicas: 3, batched: true);

        var report = new
        {
            events = count,
            subjects,
            eventsPerTransaction = perTransaction,
            rawMassTransitPerSecond = raw,
            platformOneReplicaPerSecond = oneReplica,
            platformThreeReplicasPerSecond = threeReplicas,
            platformOneReplicaBatchedPerSecond = oneReplicaBatched,
            platformThreeReplicasBatchedPerSecond = threeReplicasBatched,
            oneReplicaToRaw = oneReplica / raw,
            threeReplicasToRaw = threeReplicas / raw,
            oneReplicaBatchedToRaw = oneReplicaBatched / raw,
            threeReplicasBatchedToRaw = threeReplicasBatched / raw,
        };
        Console.WriteLine();
        Console.WriteLine($"{count} events about {subjects} subjects, each applied once with its effect committed");
        Console.WriteLine($"  raw MassTransit publish and consume   {raw,9:0} events/s");
        Console.WriteLine($"  outbox to inbox, 1 replica            {oneReplica,9:0} events/s   {report.oneReplicaToRaw,5:0.00}x raw   (goal >= 0.5x and >= 2,000/s)");
        Console.WriteLine($"  outbox to inbox, 3 replicas           {threeReplicas,9:0} events/s   {report.threeReplicasToRaw,5:0.00}x raw");
        Console.WriteLine($"  outbox to batched inbox, 1 replica    {oneReplicaBatched,9:0} events/s   {report.oneReplicaBatchedToRaw,5:0.00}x raw");
        Console.WriteLine($"  outbox to batched inbox, 3 replicas   {threeReplicasBatched,9:0} events/s   {report.threeReplicasBatchedToRaw,5:0.00}x raw");
        var results = Path.Combine(RepositoryLayout.FindRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"events-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static List<ContractDrafted> Events(int count, int subjects)
    {
        var ids = Enumerable.Range(0, subjects).Select(_ => Guid.NewGuid()).ToList();
        return [.. Enumerable.Range(0, count).Select(i => ProbeHost.NewEvent($"{i:D6}", subject: ids[i % subjects]))];
    }

    private static async Task<double> MeasureRawAsync(TestServers servers, int count, int subjects)
    {
        var deliveries = new Deliveries();
        using var host = await RawMassTransit.StartAsync(servers.NewDatabase("events-raw"), await servers.NewVirtualHostAsync("events-raw"), deliveries);
        var bus = host.Services.GetRequiredService<IBus>();
        await PublishAllAsync(bus, Events(200, subjects));
        await WaitForAsync(deliveries, 200);

        var events = Events(count, subjects);
        var stopwatch = Stopwatch.StartNew();
        await PublishAllAsync(bus, events);
        await WaitForAsync(deliveries, 200 + count);
        stopwatch.Stop();
        await host.StopAsync();
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task PublishAllAsync(IBus bus, List<ContractDrafted> events)
    {
        foreach (var chunk in events.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(e => bus.Publish(e)));
        }
    }

    /// <param name="batched">Consumed a batch at a time (<see cref="ProbeBatchConsumer"/>) rather than one delivery at a time.</param>
    private static async Task<double> MeasurePlatformAsync(TestServers servers, int count, int subjects, int perTransaction, int replicas, bool batched)
    {
        var deliveries = new Deliveries();
        var database = servers.NewDatabase("events");
        var broker = await servers.NewVirtualHostAsync("events");
        var hosts = new List<IHost>();
        for (var replica = 0; replica < replicas; replica++)
        {
            hosts.Add(await ProbeHost.StartAsync(database, broker, deliveries, batched: batched));
        }

        await WriteAllAsync(hosts, Events(200, subjects), perTransaction);
        await WaitForAsync(deliveries, 200);

        var events = Events(count, subjects);
        var stopwatch = Stopwatch.StartNew();
        await WriteAllAsync(hosts, events, perTransaction);
        await WaitForAsync(deliveries, 200 + count);
        stopwatch.Stop();
        var duplicates = deliveries.Applied.Values.Count(applied => applied > 1);
        if (duplicates > 0)
        {
            throw new InvalidOperationException($"{duplicates} events were applied more than once.");
        }

        foreach (var host in hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Writes the events in transactions of <paramref name="perTransaction"/>, spread over the replicas, four writers at a time.</summary>
    private static async Task WriteAllAsync(List<IHost> hosts, List<ContractDrafted> events, int perTransaction)
    {
        var transactions = events.Chunk(perTransaction).Select((chunk, index) => (chunk, index)).ToList();
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (transaction, _) =>
            await hosts[transaction.index % hosts.Count].WriteAsync(async db =>
            {
                foreach (var integrationEvent in transaction.chunk)
                {
                    db.AddEvent(integrationEvent);
                }

                await db.SaveChangesAsync();
            }));
    }

    private static async Task WaitForAsync(Deliveries deliveries, int applied)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (deliveries.Applied.Count < applied)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{deliveries.Applied.Count} of {applied} events applied after ten minutes.");
            }

            await Task.Delay(5);
        }
    }
}
