using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class StartAndStopTests
{
    [Fact]
    public async Task Stopping_the_platform_leaves_no_process_behind_and_frees_every_port()
    {
        var platform = await RunningPlatform.StartAsync();
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var processes = new List<int>();
        var endpoints = new List<(string Host, int Port)>();
        foreach (var resource in model.Resources)
        {
            if (notifications.TryGetCurrentState(resource.Name, out var state)
                && state.Snapshot.ProcessId() is { } pid)
            {
                processes.Add(pid);
            }

            if (resource is IResourceWithEndpoints withEndpoints)
            {
                endpoints.AddRange(withEndpoints.Annotations.OfType<EndpointAnnotation>()
                    .Where(endpoint => endpoint.AllocatedEndpoint is not null)
                    .Select(endpoint => (endpoint.AllocatedEndpoint!.Address, endpoint.AllocatedEndpoint.Port)));
            }
        }

        using (var client = platform.Client())
        {
            (await client.GetAsync("/health")).IsSuccessStatusCode.ShouldBeTrue();
        }

        processes.Count.ShouldBe(9, "PostgreSQL, RabbitMQ (with its epmd), the identity service, five services and the gateway");
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(10);

        await platform.DisposeAsync();

        processes.Where(IsAlive).ShouldBeEmpty();
        endpoints.Where(endpoint => Accepts(endpoint.Host, endpoint.Port)).ShouldBeEmpty();
    }

    /// <summary>Running, not ended and waiting to be reaped (a zombie holds no port and does nothing).</summary>
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            return File.ReadLines(status).FirstOrDefault(line => line.StartsWith("State:", StringComparison.Ordinal)) is { } state
                && !state.Contains('Z', StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Accepts(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(host == "localhost" ? "127.0.0.1" : host, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
