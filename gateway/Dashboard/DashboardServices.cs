using Microsoft.Extensions.Http.Resilience;

namespace Platform.Gateway.Dashboard;

public static class DashboardServices
{
    /// <summary>
    /// The dashboard's fan-out: one HTTP client for the services, addressed by service discovery and
    /// guarded by the standard resilience handler (a 2 s attempt, one retry of a failed connection, a
    /// circuit that opens on a failing service), and the short-lived answer cache.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient(ServiceCalls.HttpClientName)
            .AddServiceDiscovery()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = ServiceCalls.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = ServiceCalls.AttemptTimeout * 2;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
                resilience.CircuitBreaker.SamplingDuration = ServiceCalls.AttemptTimeout * 5;
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(2);
            });
        builder.Services.AddScoped<ServiceCalls>();
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<DashboardCache>();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        return builder;
    }
}
