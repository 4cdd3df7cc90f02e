using System.Net;
using Platform.AppHost.Hosting;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class StartAndStopTests
{
    [Fact]
    public async Task Stopping_the_platform_leaves_no_process_behind_and_frees_every_port()
    {
        var platform = await RunningPlatform.StartAsync();
        var leaders = platform.App.Resources.SelectMany(resource => resource.ProcessIds).ToList();
        var everyProcess = leaders.Concat(leaders.SelectMany(Posix.Descendants)).Distinct().ToList();
        var ports = platform.App.Resources.SelectMany(resource => resource.Ports).ToList();
        using (var client = platform.Client())
        {
            (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        everyProcess.Count.ShouldBeGreaterThan(8, "PostgreSQL, epmd, RabbitMQ, five services and the gateway");
        ports.ShouldNotBeEmpty();

        await platform.DisposeAsync();

        everyProcess.Where(Posix.IsAlive).ShouldBeEmpty();
        ports.Where(PortAllocator.IsListening).ShouldBeEmpty();
    }
}
