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
}
