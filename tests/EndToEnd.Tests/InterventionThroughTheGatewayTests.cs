using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing.Journeys;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class InterventionThroughTheGatewayTests(PlatformFixture fixture)
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public Task Given_ofsted_records_an_inadequate_judgement_then_dfe_sees_the_intervention_case_through_the_gateway() =>
        MainJourneys.InadequateJudgementOpensACaseAsync(Platform);

    [Fact]
    public async Task A_missing_token_is_401_and_a_wrong_role_is_403_as_problem_details()
    {
        using var anonymous = Platform.Client();
        var unauthorised = await anonymous.GetAsync($"/api/commissioners/cases?la={PlatformFixture.Leeds}");
        unauthorised.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemDocument.ReadAsync(unauthorised)).Status.ShouldBe(401);

        using var ofsted = Platform.Client(Roles.Ofsted);
        var forbidden = await ofsted.GetAsync($"/api/commissioners/cases?la={PlatformFixture.Leeds}");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemDocument.ReadAsync(forbidden)).Status.ShouldBe(403);

        using var council = Platform.Client(Roles.Council, PlatformFixture.Leeds);
        (await council.PostAsJsonAsync("/api/inspections/judgements", new { localAuthority = PlatformFixture.Leeds })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_is_a_400_naming_the_field()
    {
        using var ofsted = Platform.Client(Roles.Ofsted);
        var response = await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = "E08000999",
            framework = "ilacs-standard",
            inspectionStartDate = "2026-01-12",
            inspectionEndDate = "2026-01-23",
            publicationDate = "2026-03-01",
            overall = "inadequate",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldContain("localAuthority");
    }

    [Fact]
    public async Task The_gateway_adds_one_correlation_id_and_keeps_the_callers()
    {
        using var dfe = Platform.Client(Roles.Dfe);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/providers/local-authorities/{PlatformFixture.Sandwell}");
        request.Headers.Add("X-Correlation-Id", "e2e-correlation-1");

        var given = await dfe.SendAsync(request);
        var generated = await dfe.GetAsync($"/api/providers/local-authorities/{PlatformFixture.Sandwell}");

        given.Headers.GetValues("X-Correlation-Id").ShouldBe(["e2e-correlation-1"]);
        generated.Headers.GetValues("X-Correlation-Id").ShouldHaveSingleItem().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("providers", "/api/providers/local-authorities")]
    [InlineData("inspections", "/api/inspections/judgements")]
    [InlineData("commissioners", "/api/commissioners/cases")]
    [InlineData("contracts", "/api/contracts")]
    [InlineData("workforce", "/api/workforce/returns")]
    public async Task The_gateway_serves_each_services_openapi_document(string service, string path)
    {
        using var anonymous = Platform.Client();
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        document.GetProperty("paths").EnumerateObject().ShouldContain(p => p.Name.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_service_is_down_its_routes_answer_503_problem_details_and_the_others_keep_working()
    {
        using var dfe = Platform.Client(Roles.Dfe);
        await Platform.StopResourceAsync("workforce");
        try
        {
            // The gateway's active health check notices within a probe or two; from then on the answer is at once.
            using var impatient = Platform.Client(Roles.Dfe);
            impatient.Timeout = TimeSpan.FromSeconds(3);
            var unavailable = await Eventually.ReturnsAsync(async () =>
            {
                try
                {
                    var response = await impatient.GetAsync($"/api/workforce/returns/{PlatformFixture.Leeds}/2024");
                    return response.StatusCode == HttpStatusCode.ServiceUnavailable ? response : null;
                }
                catch (TaskCanceledException)
                {
                    return null;
                }
            }, TimeSpan.FromSeconds(20), "the gateway to mark workforce unavailable");
            (await ProblemDocument.ReadAsync(unavailable!)).Status.ShouldBe(503);

            (await dfe.GetAsync($"/api/providers/local-authorities/{PlatformFixture.Leeds}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await dfe.GetAsync($"/api/commissioners/cases?la={PlatformFixture.Leeds}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await Platform.StartResourceAsync("workforce");
        }

        // Back: the active health check readmits it.
        await Eventually.TrueAsync(
            async () => (await dfe.GetAsync($"/api/workforce/returns/{PlatformFixture.Leeds}/2024")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30),
            "the workforce service to be routed to again");
    }
}
