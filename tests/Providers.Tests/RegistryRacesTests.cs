using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Providers.Tests;

/// <summary>
/// The for-profit ban under concurrency: the registrar's approval and a change of the organisation's
/// legal form, sent at once, never leave a profit-making company approved for child protection.
/// </summary>
public sealed class RegistryRacesTests(ProvidersFactory factory)
    : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task P2_an_approval_racing_a_conversion_to_a_company_ends_not_approved_either_way()
    {
        for (var round = 0; round < 8; round++)
        {
            var charity = await RegisterAsync(new
            {
                name = $"Racing Charity {round}", type = "registered-charity", charityNumber = $"88000{round:00}", scopes = new[] { "child-protection" }, council = Doncaster,
            });
            var id = charity.GetProperty("id").GetString();

            var approval = DecideAsync(charity, "child-protection", "approve");
            var conversion = Factory.ClientFor(Platform.ServiceDefaults.Auth.Roles.Registrar).PostAsJsonAsync(
                $"/api/providers/organisations/{id}/changes", new { type = "ltd", reason = "Converted to a company limited by shares." });
            await Task.WhenAll(approval, conversion);

            (await conversion).StatusCode.ShouldBe(HttpStatusCode.OK, await (await conversion).Content.ReadAsStringAsync());
            var now = await Factory.ClientFor(Platform.ServiceDefaults.Auth.Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/organisations/{id}");
            now.GetProperty("type").GetString().ShouldBe("ltd");
            var childProtection = now.GetProperty("scopes").EnumerateArray().Single(scope => scope.GetProperty("scope").GetString() == "child-protection");
            childProtection.GetProperty("status").GetString().ShouldNotBe("approved", $"round {round}: the approval was decided on the charity and the conversion did not see it");
        }
    }

    [Fact]
    public async Task A_decision_sent_for_an_earlier_version_of_the_organisation_is_refused_with_412_and_changes_nothing()
    {
        var charity = await RegisterAsync(new
        {
            name = "Versioned Charity", type = "registered-charity", charityNumber = "8810001", scopes = new[] { "child-protection", "children-in-need" }, council = Doncaster,
        });
        var id = charity.GetProperty("id").GetString();
        var registrar = Factory.ClientFor(Platform.ServiceDefaults.Auth.Roles.Registrar);
        var first = (await registrar.GetAsync($"/api/providers/organisations/{id}")).Headers.ETag!.Tag;

        var approved = await SendWithIfMatchAsync(registrar, $"/api/providers/organisations/{id}/decisions", new { scope = "child-protection", decision = "approve" }, first);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var second = approved.Headers.ETag!.Tag;
        second.ShouldNotBe(first);

        var stale = await SendWithIfMatchAsync(registrar, $"/api/providers/organisations/{id}/decisions", new { scope = "children-in-need", decision = "approve" }, first);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var now = await registrar.GetAsync($"/api/providers/organisations/{id}");
        now.Headers.ETag!.Tag.ShouldBe(second);
        var childrenInNeed = (await now.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes").EnumerateArray().Single(scope => scope.GetProperty("scope").GetString() == "children-in-need");
        childrenInNeed.GetProperty("status").GetString().ShouldNotBe("approved");
    }

    private static async Task<HttpResponseMessage> SendWithIfMatchAsync(HttpClient client, string path, object body, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(tag));
        return await client.SendAsync(request);
    }
}
