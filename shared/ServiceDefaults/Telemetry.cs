using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Activity sources every service listens to: the framework's own, the bus, the database driver and ours.</summary>
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", "Platform.*", "Yarp.ReverseProxy"];

    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime", "MassTransit", "Npgsql", "Platform.*"];

    /// <summary>
    /// Traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the Aspire dashboard,
    /// a cluster's collector; which traces are kept is <c>OTEL_TRACES_SAMPLER</c>'s). With nowhere to send
    /// them (tests, benchmarks) nothing is recorded: every request would pay for spans no one reads.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // ASP.NET Core starts an activity for every request whenever its hosting logger is enabled, only to
            // put trace ids in the log scope; each outgoing call (the gateway's forwarding) then starts one of
            // its own to carry them on. With no traces kept, that was an eighth of the gateway's CPU per request.
            // The category logs only request starts and ends (Information, below the configured levels) and
            // startup failures, which the host logs again itself; a configuration naming it is followed.
            if (builder.Configuration[$"Logging:LogLevel:{HostingDiagnosticsCategory}"] is null)
            {
                builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
            }

            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(ActivitySources))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .UseOtlpExporter();
        return builder;
    }
}
