using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>The gateway's rate limits per caller and route, and the body limits of every service.</summary>
[Collection(nameof(Secured))]
public sealed class EdgeLimitsTests(SecuredPlatform secured)
{
    private RunningPlatform Platform => secured.Platform;

    [Theory]
    [InlineData("/api/dashboard/national", SecuredPlatform.DashboardPerMinute)]
    [InlineData("/api/providers/local-authorities?pageSize=1", SecuredPlatform.DefaultPerMinute)]
    public async Task A_caller_over_the_limit_of_a_route_gets_429_with_Retry_After_and_others_are_served(string path, int perMinute)
    {
        using var busy = Platform.ClientAs($"busy-{Guid.NewGuid():N}", Roles.Dfe);
        using var other = Platform.ClientAs($"other-{Guid.NewGuid():N}", Roles.Dfe);
        for (var i = 0; i < perMinute; i++)
        {
            using var served = await busy.GetAsync(path);
            served.StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i + 1} of {perMinute}");
        }

        using var refused = await busy.GetAsync(path);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(429);

        (await other.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, "another caller has a limit of their own");
    }

    [Fact]
    public async Task An_import_over_10_MB_is_refused_with_413_through_the_gateway_and_directly_and_nothing_is_stored()
    {
        var row = "E08000025,330,Birmingham,2023-01-15,ILACS,inadequate,,,,,\n";
        var csv = new StringBuilder("gss_code,la_code,la_name,published,kind,overall,help_and_protection,in_care,leaving_care,leadership,other\n");
        while (csv.Length <= 10 * 1024 * 1024)
        {
            csv.Append(row);
        }

        using var ofsted = Platform.Client(Roles.Ofsted);
        var judgementsBefore = await CountJudgementsAsync();
        foreach (var target in new[] { Platform.Gateway, Platform.UrlOf("inspections") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/inspections/imports"))
            {
                Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            };
            // As curl does for a large body: the refusal comes before the body is sent.
            request.Headers.ExpectContinue = true;
            using var refused = await ofsted.SendAsync(request);
            refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, target.ToString());
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await CountJudgementsAsync()).ShouldBe(judgementsBefore);
    }

    [Fact]
    public async Task A_JSON_body_over_1_MB_is_refused_with_413()
    {
        using var council = Platform.Client(Roles.Registrar);
        var huge = new string('a', 1024 * 1024 + 1);
        using var refused = await council.PostAsJsonAsync(new Uri(Platform.UrlOf("providers"), "/api/providers/organisations"), new { name = huge });
        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = await refused.Content.ReadAsStringAsync();
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", problem);
        JsonSerializer.Deserialize<JsonElement>(problem).GetProperty("status").GetInt32().ShouldBe(413, problem);
    }

    private async Task<long> CountJudgementsAsync() =>
        await DatabaseRows.CountAsync(await Platform.ConnectionStringAsync("inspections-db"), "SELECT count(*) FROM judgements");
}
