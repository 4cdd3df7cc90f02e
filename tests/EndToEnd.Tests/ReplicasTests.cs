using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

/// <summary>The platform as <c>./platform up --replicas 2</c> starts it: every service twice, the gateway in front of both.</summary>
[Collection(nameof(WholePlatform))]
public sealed class ReplicasTests
{
    private static readonly string[] Services = ["inspections", "commissioners", "contracts", "workforce", "providers"];

    [Fact]
    public async Task Given_two_replicas_of_every_service_then_both_run_and_requests_through_the_gateway_reach_both()
    {
        await using var platform = await RunningPlatform.StartAsync(
            replicas: 2,
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });

        foreach (var service in Services)
        {
            platform.HealthyInstancesOf(service).Count.ShouldBe(2, service);
        }

        await platform.ImportAuthoritiesAsync(PlatformFixture.Header + "\n" + $"{PlatformFixture.Leeds},383,Leeds,YH,Yorkshire and the Humber,Metropolitan District,200000,\n", PlatformFixture.Leeds);
        // Aspire's proxy spreads connections across the replicas: readers at once open several.
        using var dfe = platform.Client(Roles.Dfe);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 10; i++)
            {
                (await dfe.GetAsync($"/api/providers/local-authorities/{PlatformFixture.Leeds}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }));

        var served = platform.InstancesOf("providers")
            .Select(instance => platform.LinesFrom(instance).Count(line => line.Contains($"/api/providers/local-authorities/{PlatformFixture.Leeds}", StringComparison.Ordinal)))
            .ToList();
        served.Count.ShouldBe(2);
        served.ShouldAllBe(count => count > 0, $"each replica served some of the 80 requests: {string.Join(", ", served)}");

        // The replicas of Commissioners compete for the broker's deliveries: the judgement opens one case.
        using var ofsted = platform.Client(Roles.Ofsted);
        (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = PlatformFixture.Leeds, framework = "ilacs-standard", inspectionStartDate = "2026-03-02",
            inspectionEndDate = "2026-03-13", publicationDate = "2026-05-01", overall = "inadequate",
        })).StatusCode.ShouldBe(HttpStatusCode.Created, platform.RecentLog());
        var cases = await Eventually.ReturnsAsync(async () =>
        {
            var page = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={PlatformFixture.Leeds}");
            return page.GetProperty("items").GetArrayLength() > 0 ? (JsonElement?)page : null;
        }, TimeSpan.FromSeconds(30), "the case to open");
        cases!.Value.GetProperty("items").GetArrayLength().ShouldBe(1);
        cases.Value.GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("opened");
    }
}
