using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Data;
using Platform.ServiceDefaults.Auth;

namespace Platform.Contracts.Tests;

public sealed class DraftingContractsTests(ContractsFactory factory) : IClassFixture<ContractsFactory>, IAsyncLifetime
{
    private const string Doncaster = "E08000017";
    private const string Slough = "E06000039";
    private static readonly Guid Provider = Guid.NewGuid();

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Doncaster, "371", "Doncaster"), (Slough, "871", "Slough"));

    public Task DisposeAsync() => Task.CompletedTask;


    private static object Draft(string la = Doncaster, string scope = "child-protection", decimal value = 2_500_000m, string title = "Children's social care") => new
    {
        localAuthority = la,
        providerId = Provider,
        title,
        scopes = new[] { scope, "children-in-need" },
        value,
        startDate = "2027-04-01",
        endDate = "2030-03-31",
    };

    [Fact]
    public async Task Given_a_council_when_it_drafts_a_contract_for_its_authority_then_it_can_read_it_back()
    {
        var council = factory.ClientFor(Roles.Council, Doncaster);

        var response = await council.PostAsJsonAsync("/api/contracts", Draft());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var read = await council.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(response.Headers.Location);
        read!["status"].GetString().ShouldBe("draft");
        read["scopes"].EnumerateArray().Select(scope => scope.GetString()).ShouldBe(["child-protection", "children-in-need"]);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "ContractDrafted" && m.SentAt != null)));
    }

    [Fact]
    public async Task Another_council_can_neither_draft_for_nor_read_an_authority_not_its_own()
    {
        var created = await factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/contracts", Draft(title: "Doncaster's own"));
        var slough = factory.ClientFor(Roles.Council, Slough);

        (await slough.PostAsJsonAsync("/api/contracts", Draft(title: "Not Slough's"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await slough.GetAsync(created.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Not Slough's"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_value_beyond_its_columns_digits_is_a_400_naming_it_where_it_was_the_databases_500()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Council, Doncaster)
            .PostAsJsonAsync("/api/contracts", Draft(value: 100_000_000_000_000_000m, title: "Too dear")));

        problem.Status.ShouldBe(400);
        problem.Errors!["value"][0].ShouldContain("16 digits");
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Too dear"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_list_longer_than_any_the_platform_keeps_is_a_400_naming_it()
    {
        var draft = new
        {
            localAuthority = Doncaster, providerId = Provider, title = "Many scopes", scopes = Enumerable.Repeat("child-protection", 201).ToArray(), value = 1_000m,
            startDate = "2027-04-01", endDate = "2030-03-31",
        };
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/contracts", draft));

        problem.Status.ShouldBe(400);
        problem.Errors!["scopes"][0].ShouldContain("at most 200 items");
    }

    [Fact]
    public async Task A_scope_word_not_in_the_list_is_a_400_naming_the_field()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/contracts", Draft(scope: "babysitting")));

        problem.Errors!.Keys.ShouldContain("scopes[0]");
        problem.Errors["scopes[0]"][0].ShouldContain("child-protection");
    }

    [Fact]
    public async Task A_negative_value_and_an_unknown_authority_are_each_named_and_nothing_is_stored()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/contracts", Draft(la: "E06000998", value: -5m, title: "Refused")));

        problem.Errors!.Keys.ShouldBe(["localAuthority", "value"], ignoreOrder: true);
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Refused"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_contract_is_404_problem() =>
        (await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Dfe).GetAsync($"/api/contracts/{Guid.NewGuid()}"))).Status.ShouldBe(404);
}
