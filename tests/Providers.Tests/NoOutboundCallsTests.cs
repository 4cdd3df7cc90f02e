using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Providers.Data;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>
/// A service started on this machine's servers calls no host beyond it: no library's usage telemetry, no
/// discovery of an outside endpoint. Every HTTP request the process makes is seen through the framework's
/// own activity source, so one sent by any library counts.
/// </summary>
public sealed class NoOutboundCallsTests
{
    [Fact]
    public async Task A_service_started_and_serving_calls_no_host_beyond_this_machine()
    {
        var hosts = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // The request's tags are complete once it has ended, answered or not.
            ActivityStopped = activity => hosts.Add(HostOf(activity)),
        };
        ActivitySource.AddActivityListener(listener);

        await using (var factory = new ReportingSoonFactory())
        {
            await factory.InitializeAsync();
            (await factory.ClientFor(Roles.Dfe).GetAsync("/api/providers/local-authorities")).EnsureSuccessStatusCode();
            // MassTransit would report its usage 30 s after the bus starts (its shortest delay, set below).
            await Task.Delay(TimeSpan.FromSeconds(35));
        }

        // The listener sees a request this process makes (to a port here that answers nothing).
        await RequestAPortHereAsync();
        hosts.ShouldContain("127.0.0.1");
        hosts.Where(host => !IsThisMachine(host)).ShouldBeEmpty();
    }

    private static async Task RequestAPortHereAsync()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await http.GetAsync($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/");
        }
        catch (Exception failed) when (failed is HttpRequestException or TaskCanceledException)
        {
            // Nothing answers: the request was still made, and seen.
        }
    }

    /// <summary>The service as it runs, with any usage report MassTransit would send brought forward to its earliest.</summary>
    private sealed class ReportingSoonFactory() : ServiceFactory<Program, ProvidersDbContext>("providers")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<UsageTelemetryOptions>(options => options.ReportDelay = TimeSpan.FromSeconds(30)));
        }
    }

    private static string HostOf(Activity activity) =>
        activity.GetTagItem("server.address") as string
        ?? (activity.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var address) ? address.Host : $"(a request naming no host: {activity.DisplayName})");

    private static bool IsThisMachine(string host) =>
        host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
