using System.Data.Common;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Messaging.Retention;

namespace Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database (<c>ConnectionStrings__{connectionName}</c>), with the
    /// outbox wake-up interceptor and a readiness health check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName, bool applyMigrations = true)
        where TContext : MessagingDbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton<FieldBoundsInterceptor>();
        // Pooled: a request borrows a context already built (its internal services resolved once), which is
        // most of what a single-record read costs otherwise. A context holds no state of ours between uses.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            var connectionString = builder.Configuration.GetConnectionString(connectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
            options.UseNpgsql(Tuned(connectionString), npgsql => npgsql.EnableRetryOnFailure(0))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetRequiredService<FieldBoundsInterceptor>(), services.GetRequiredService<OutboxCommitInterceptor>());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: ["ready"]);
        builder.Services.AddExceptionHandler<ConcurrentWriteExceptionHandler>();
        builder.Services.AddExceptionHandler<FieldOutOfBoundsExceptionHandler>();
        // Registered before the bus and any seeding, so the schema is current before either touches it.
        if (applyMigrations)
        {
            builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        }

        return builder;
    }

    /// <summary>
    /// A statement a service runs again and again (every read of a page, every summary) is parsed and
    /// planned once per connection and kept prepared, not planned anew per request: planning was a
    /// good part of what PostgreSQL spent on the dashboards' reads. And a connection goes back to the
    /// pool as it is, not reset: the reset (seven statements: RESET ALL, CLOSE ALL, UNLISTEN, advisory
    /// unlocks, DISCARD SEQUENCES and TEMP) went ahead of every request's first query, which for a
    /// single-record read was as much work for the server as the read. Nothing of ours leaves state on a
    /// session: no SET outside a transaction, temporary tables only ON COMMIT DROP, advisory locks taken
    /// for a transaction or released before the connection is (the migration lock). A connection string
    /// that says otherwise is left as it is.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        // Keywords as written ("Max Auto Prepare", "MaxAutoPrepare" and "max auto prepare" are one setting).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(keyword => keyword.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            connection.MaxAutoPrepare = 100;
            connection.AutoPrepareMinUsages = 2;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            connection.NoResetOnClose = true;
        }

        return connection.ConnectionString;
    }

    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings__rabbitmq</c>), queues named after the service,
    /// retries then the error queue, and the outbox relay for <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
        where TContext : MessagingDbContext
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        builder.Services.AddSingleton<RetentionCleanup<TContext>>();
        var receiveQueues = new ReceiveQueues();
        builder.Services.AddSingleton(receiveQueues);
        builder.Services.AddSingleton<ErrorQueueClient>();
        builder.Services.AddSingleton<DeadLetterGauge>();
        builder.Services.AddScoped<DeadLetterOffice<TContext>>();
        builder.Services.AddHostedService<DeadLetterWatch<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionCleanup<TContext>>());
        builder.Services.TryAddTimeProvider();
        if (builder.Configuration.GetValue($"{OutboxOptions.Section}:RelayEnabled", true))
        {
            builder.Services.AddHostedService<OutboxRelay<TContext>>();
        }

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to an outside host by default; nothing of ours leaves the machine.
            bus.DisableUsageTelemetry();
            addConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((queue, endpoint) =>
            {
                receiveQueues.Add(queue);
                SubjectOrdering.UseSingleActiveConsumer(endpoint);
            });
            // The broker down is a degraded service, not a dead one: requests are served and events wait in the outbox.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
                    ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
                rabbit.Host(new Uri(connectionString));
                // Ahead of the retries: a delivery is entered once when it arrives and settled once when done.
                foreach (var ledger in context.GetServices<IDeliveryLedger>())
                {
                    ledger.Watch(rabbit);
                }

                // A database or broker outage is waited out (about two minutes) with the message held
                // in order; any other failure is retried briefly and then goes to the error queue. Of
                // nested retry filters the innermost that handles a failure decides alone (an outer one
                // does not start again when it gives up), so the outage's filter is the inner one and
                // the brief one leaves outages to it.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(exception => !TransientFaults.IsTransient(exception));
                    retry.Intervals(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
                });
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientFaults.IsTransient);
                    retry.Intervals(RetryOptions.TransientIntervals(builder.Configuration));
                });
                rabbit.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(serviceName, false));
            });
        });

        // After the bus's own hosted service, so the watchdog stops before the bus stops its endpoints.
        builder.Services.AddOptions<EndpointWatchdogOptions>().BindConfiguration(EndpointWatchdogOptions.Section);
        builder.Services.AddSingleton<EndpointWatchdog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EndpointWatchdog>());
        builder.Services.AddHealthChecks().AddCheck<EndpointWatchdog>("receive-endpoints", tags: [Platform.ServiceDefaults.Extensions.LiveTag]);
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(descriptor => descriptor.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
