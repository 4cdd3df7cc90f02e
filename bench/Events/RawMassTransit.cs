using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Events;
using Platform.Testing.Probe;

namespace Platform.Bench.Events;

/// <summary>
/// The baseline: MassTransit's own publish and consume on the same broker, the consumer committing the
/// same effect row, with none of the platform's guarantees (no outbox, no inbox, no order).
/// </summary>
public static class RawMassTransit
{
    public static async Task<IHost> StartAsync(string database, string broker, Deliveries deliveries)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = broker });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(deliveries);
        builder.Services.AddDbContext<ProbeDbContext>(options => options.UseNpgsql(database).UseSnakeCaseNamingConvention());
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<RawConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(broker));
                rabbit.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter("raw", false));
            });
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

    private sealed class RawConsumer(ProbeDbContext db, Deliveries deliveries) : IConsumer<ContractDrafted>
    {
        public async Task Consume(ConsumeContext<ContractDrafted> context)
        {
            db.Effects.Add(new Effect { EventId = context.Message.EventId, Subject = context.Message.Subject, Note = context.Message.LocalAuthority });
            await db.SaveChangesAsync(context.CancellationToken);
            deliveries.Applied.AddOrUpdate(context.Message.EventId, 1, (_, count) => count + 1);
        }
    }
}
