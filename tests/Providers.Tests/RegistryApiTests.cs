using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>Registering organisations and deciding their scopes, under a given P3 policy.</summary>
public abstract class RegistryApiScenarios<TFactory>(TFactory factory)
    where TFactory : ServiceFactory<Program, Platform.Providers.Data.ProvidersDbContext>
{
    protected const string Doncaster = "E08000017";

    protected TFactory Factory { get; } = factory;

    protected async Task ImportDoncasterAsync() =>
        await Factory.ClientFor(Roles.Dfe).PostAsync("/api/providers/local-authorities/imports", new StringContent(
            ReferenceCsv.Of(ReferenceCsv.Doncaster), Encoding.UTF8, "text/csv"));

    /// <summary>Registered by the registrar, whose word on control takes effect at once (a council's or a provider's claim waits for it).</summary>
    protected async Task<JsonElement> RegisterAsync(object body)
    {
        var response = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync("/api/providers/organisations", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected Task<HttpResponseMessage> DecideAsync(JsonElement organisation, string scope, string decision, string? reason = null) =>
        Factory.ClientFor(Roles.Registrar).PostAsJsonAsync($"/api/providers/organisations/{organisation.GetProperty("id").GetString()}/decisions", new { scope, decision, reason });

    protected async Task<(JsonElement Group, JsonElement Cic)> CicOfAPrivateGroupAsync()
    {
        var group = await RegisterAsync(new { name = "Private Group Ltd", type = "ltd", companyNumber = "09876543", scopes = new[] { "looked-after-children" }, council = Doncaster });
        var cic = await RegisterAsync(new
        {
            name = "Care Futures CIC", type = "ltd", subtype = "community-interest-company", companyNumber = "11223344",
            controller = new { organisationId = group.GetProperty("id").GetString(), votingRightsShare = 1.0 }, scopes = new[] { "child-protection" }, council = Doncaster,
        });
        return (group, cic);
    }
}

public sealed class RegistryApiTests(ProvidersFactory factory) : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_a_council_registers_a_charity_and_a_company_for_child_protection_then_the_charity_is_approved_and_the_company_refused_by_P2()
    {
        var charity = await RegisterAsync(new { name = "Family Action", type = "registered-charity", charityNumber = "264713", scopes = new[] { "child-protection" }, council = Doncaster });
        var company = await RegisterAsync(new { name = "CareCo Ltd", type = "ltd", companyNumber = "12345678", scopes = new[] { "child-protection" }, council = Doncaster });

        (await DecideAsync(charity, "child-protection", "approve")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await DecideAsync(company, "child-protection", "approve");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ProblemDocument.ReadAsync(refused);
        problem.Rule.ShouldBe("P2");
        problem.Detail!.ShouldContain("not-for-profit");
        var audit = await Factory.QueryAsync(db => db.Audit.Where(a => a.OrganisationId == Guid.Parse(company.GetProperty("id").GetString()!)).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["registered", "approval-refused"], ignoreOrder: true);
    }

    [Fact]
    public async Task P4_a_placement_finder_registered_into_a_group_that_provides_placements_is_flagged_and_announced()
    {
        var holdings = await RegisterAsync(new { name = "Care Holdings Ltd", type = "ltd", companyNumber = "20000001", scopes = new[] { "looked-after-children" }, council = Doncaster });
        var homes = await RegisterAsync(new
        {
            name = "Care Homes Ltd", type = "ltd", companyNumber = "20000002", scopes = new[] { "looked-after-children" }, council = Doncaster,
            controller = new { organisationId = holdings.GetProperty("id").GetString(), votingRightsShare = 1.0 },
            placementRoles = new[] { "provides-placements" }, ofstedUrn = "SC654321",
        });
        var finder = await RegisterAsync(new
        {
            name = "Placement Search Ltd", type = "ltd", companyNumber = "20000003", scopes = new[] { "looked-after-children" }, council = Doncaster,
            controller = new { organisationId = holdings.GetProperty("id").GetString(), appointsBoard = true },
            placementRoles = new[] { "finds-placements" },
        });

        homes.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null);
        finder.GetProperty("conflictOfInterest").GetString()!.ShouldContain("Care Homes Ltd");
        finder.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ShouldContain("conflict-of-interest");
        finder.GetProperty("groupId").GetString().ShouldBe(holdings.GetProperty("id").GetString());
        var found = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/providers/organisations?flag=conflict-of-interest");
        found.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ShouldContain("Placement Search Ltd");
        var finderId = finder.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => Factory.QueryAsync(db => db.OutboxMessages.AnyAsync(
            m => m.EventType == "ProviderEligibilityChanged" && m.Payload.Contains(finderId) && m.Payload.Contains("conflict-of-interest"))));
        (await Factory.QueryAsync(db => db.Audit.AnyAsync(a => a.OrganisationId == Guid.Parse(finderId) && a.Action == "conflict-flagged"))).ShouldBeTrue();
    }

    [Fact]
    public async Task P4_when_ownership_changes_the_conflict_is_checked_again()
    {
        var group = await RegisterAsync(new { name = "Fostering Group Ltd", type = "ltd", companyNumber = "30000001", scopes = new[] { "looked-after-children" }, council = Doncaster });
        await RegisterAsync(new
        {
            name = "Fostering Agency Ltd", type = "ltd", companyNumber = "30000002", scopes = new[] { "looked-after-children" }, council = Doncaster,
            controller = new { organisationId = group.GetProperty("id").GetString(), votingRightsShare = 0.8 }, placementRoles = new[] { "provides-placements" }, ofstedUrn = "1234567",
        });
        var finder = await RegisterAsync(new
        {
            name = "Independent Placements", type = "private-limited-guarant-nsc", companyNumber = "30000003", scopes = new[] { "looked-after-children" }, council = Doncaster,
            placementRoles = new[] { "finds-placements" },
        });
        finder.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null);

        var bought = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync($"/api/providers/organisations/{finder.GetProperty("id").GetString()}/changes",
            new { type = "private-limited-guarant-nsc", controller = new { organisationId = group.GetProperty("id").GetString(), appointsBoard = true }, reason = "Acquired by the group." });

        bought.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bought.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflictOfInterest").GetString()!.ShouldContain("Fostering Agency Ltd");
    }

    [Fact]
    public async Task A_provider_of_placements_gives_its_Ofsted_registration_and_placement_roles_come_from_the_list()
    {
        var response = await Factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Unregistered Homes Ltd", type = "ltd", companyNumber = "40000001", scopes = new[] { "looked-after-children" }, council = Doncaster,
            placementRoles = new[] { "provides-placements", "brokers-placements" },
        });

        var problem = await ProblemDocument.ReadAsync(response);
        problem.Errors!.Keys.ShouldBe(["placementRoles[1]", "ofstedUrn"], ignoreOrder: true);
        (await Factory.QueryAsync(db => db.Organisations.CountAsync(o => o.Name == "Unregistered Homes Ltd"))).ShouldBe(0);
    }

    [Fact]
    public async Task The_registering_council_is_localAuthority_and_the_council_of_earlier_releases_is_read_answered_and_marked_deprecated()
    {
        var byCurrentName = await RegisterAsync(new { name = "Current Name Fostering", type = "registered-charity", charityNumber = "5000001", scopes = new[] { "looked-after-children" }, localAuthority = Doncaster });
        var byOldName = await RegisterAsync(new { name = "Old Name Fostering", type = "registered-charity", charityNumber = "5000002", scopes = new[] { "looked-after-children" }, council = Doncaster });

        byCurrentName.GetProperty("localAuthority").GetString().ShouldBe(Doncaster);
        byOldName.GetProperty("localAuthority").GetString().ShouldBe(Doncaster);
        byOldName.GetProperty("council").GetString().ShouldBe(Doncaster);
        var unknown = await ProblemDocument.ReadAsync(await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync("/api/providers/organisations",
            new { name = "Nowhere Fostering", type = "registered-charity", charityNumber = "5000003", scopes = new[] { "looked-after-children" }, localAuthority = "E06999999" }));
        unknown.Errors!.Keys.ShouldBe(["localAuthority"]);
        var found = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/organisations?localAuthority={Doncaster}&pageSize=500");
        found.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ShouldContain("Old Name Fostering");

        var openApi = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var request = openApi.GetProperty("components").GetProperty("schemas").GetProperty("RegisterOrganisationRequest").GetProperty("properties");
        request.GetProperty("council").GetProperty("deprecated").GetBoolean().ShouldBeTrue();
        request.GetProperty("localAuthority").TryGetProperty("deprecated", out _).ShouldBeFalse();
        var search = openApi.GetProperty("paths").GetProperty("/api/providers/organisations").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        search.Single(p => p.GetProperty("name").GetString() == "council").GetProperty("deprecated").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_name_longer_than_the_registry_keeps_is_a_400_naming_it_and_nothing_is_stored()
    {
        var before = await Factory.QueryAsync(db => db.Organisations.CountAsync());
        var refused = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync("/api/providers/organisations",
            new { name = new string('x', 301), type = "registered-charity", charityNumber = "5000009", scopes = new[] { "looked-after-children" }, localAuthority = Doncaster });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemDocument.ReadAsync(refused);
        problem.Errors!.Keys.ShouldBe(["name"]);
        problem.Errors["name"].ShouldHaveSingleItem().ShouldContain("300");
        (await Factory.QueryAsync(db => db.Organisations.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task P5_an_authority_is_an_organisation_too_and_a_trust_it_owns_is_eligible_without_a_flag()
    {
        var councils = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/organisations?type=local-authority&council={Doncaster}");
        var council = councils.GetProperty("items").EnumerateArray().Single();
        council.GetProperty("name").GetString().ShouldBe("Doncaster");

        var trust = await RegisterAsync(new
        {
            name = "Doncaster Children's Services Trust", type = "private-limited-guarant-nsc", companyNumber = "08914875", scopes = new[] { "child-protection" }, council = Doncaster,
            controller = new { organisationId = council.GetProperty("id").GetString(), appointsBoard = true },
        });
        var approved = await DecideAsync(trust, "child-protection", "approve");

        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await approved.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("controlChain").EnumerateArray().Select(link => link.GetString()).Last().ShouldBe("Doncaster (local-authority)");
        body.GetProperty("flags").GetArrayLength().ShouldBe(0);
        await ImportDoncasterAsync();
        (await Factory.QueryAsync(db => db.Organisations.CountAsync(o => o.Type == "local-authority" && o.Council == Doncaster))).ShouldBe(1);
    }

    [Fact]
    public async Task P3_statutory_a_cic_controlled_by_a_ltd_is_approved_and_flagged()
    {
        var (_, cic) = await CicOfAPrivateGroupAsync();

        var approved = await DecideAsync(cic, "child-protection", "approve");

        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var scope = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes")[0];
        scope.GetProperty("status").GetString().ShouldBe("approved");
        scope.GetProperty("flags")[0].GetString().ShouldBe("not-for-profit-arm-of-private-group");
    }

    [Fact]
    public async Task Bad_identifiers_and_scope_words_are_each_named_and_nothing_is_stored()
    {
        var response = await Factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Nowhere Ltd", type = "ltd", companyNumber = "ABC", charityNumber = "12", scopes = new[] { "child-protection", "babysitting" }, council = Doncaster,
        });

        var problem = await ProblemDocument.ReadAsync(response);
        problem.Errors!.Keys.ShouldBe(["companyNumber", "charityNumber", "scopes[1]"], ignoreOrder: true);
        (await Factory.QueryAsync(db => db.Organisations.CountAsync(o => o.Name == "Nowhere Ltd"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_legal_form_and_an_unknown_controller_are_refused()
    {
        var problem = await ProblemDocument.ReadAsync(await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Mystery", type = "trust-me", scopes = new[] { "care-leavers" }, controller = new { organisationId = Guid.NewGuid(), votingRightsShare = 0.6 },
        }));

        problem.Errors!.Keys.ShouldBe(["type", "controller.organisationId"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_council_registers_for_its_own_authority_only_and_only_the_registrar_decides()
    {
        (await Factory.ClientFor(Roles.Council, "E08000025").PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Elsewhere Charity", type = "registered-charity", charityNumber = "1234567", scopes = new[] { "care-leavers" }, council = Doncaster,
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var charity = await RegisterAsync(new { name = "Own Charity", type = "registered-charity", charityNumber = "7654321", scopes = new[] { "care-leavers" }, council = Doncaster });
        (await Factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync($"/api/providers/organisations/{charity.GetProperty("id").GetString()}/decisions",
            new { scope = "care-leavers", decision = "approve" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class StrictRegistryApiTests(StrictProvidersFactory factory)
    : RegistryApiScenarios<StrictProvidersFactory>(factory), IClassFixture<StrictProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task P3_strict_a_cic_controlled_by_a_ltd_is_refused_naming_the_rule_and_the_chain()
    {
        var (_, cic) = await CicOfAPrivateGroupAsync();

        var refused = await DecideAsync(cic, "child-protection", "approve");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("rule").GetString().ShouldBe("P3");
        body.GetProperty("chain").EnumerateArray().Select(link => link.GetString()).ShouldBe(
            ["Care Futures CIC (ltd, community-interest-company)", "Private Group Ltd (ltd)"]);
    }
}

public sealed class RegistryChangeTests(ProvidersFactory factory) : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> ChangeAsync(JsonElement organisation, object change) =>
        Factory.ClientFor(Roles.Registrar).PostAsJsonAsync($"/api/providers/organisations/{organisation.GetProperty("id").GetString()}/changes", change);

    [Fact]
    public async Task Given_an_approved_guarantee_company_when_it_becomes_a_company_limited_by_shares_then_its_statutory_approval_is_suspended_and_announced()
    {
        var company = await RegisterAsync(new
        {
            name = "Converting Services", type = "private-limited-guarant-nsc", companyNumber = "07000001", scopes = new[] { "child-protection", "care-leavers" }, council = Doncaster,
        });
        await DecideAsync(company, "child-protection", "approve");
        await DecideAsync(company, "care-leavers", "approve");

        var changed = await ChangeAsync(company, new { type = "ltd", reason = "Converted to a company limited by shares." });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var scopes = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes").EnumerateArray()
            .ToDictionary(s => s.GetProperty("scope").GetString()!, s => s.GetProperty("status").GetString());
        scopes["child-protection"].ShouldBe("suspended");
        scopes["care-leavers"].ShouldBe("approved");
        await Eventually.TrueAsync(() => Factory.QueryAsync(db => db.OutboxMessages.AnyAsync(
            m => m.EventType == "ProviderEligibilityChanged" && m.Payload.Contains(company.GetProperty("id").GetString()!) && m.Payload.Contains("child-protection"))));
    }

    [Fact]
    public async Task A_change_at_the_top_of_a_group_flags_the_not_for_profit_arm_below_it()
    {
        var parent = await RegisterAsync(new { name = "Group Foundation", type = "private-limited-guarant-nsc", companyNumber = "07000002", scopes = new[] { "care-leavers" }, council = Doncaster });
        var child = await RegisterAsync(new
        {
            name = "Group Care CIC", type = "private-limited-guarant-nsc", subtype = "community-interest-company", companyNumber = "07000003",
            controller = new { organisationId = parent.GetProperty("id").GetString(), appointsBoard = true }, scopes = new[] { "child-protection" }, council = Doncaster,
        });
        (await DecideAsync(child, "child-protection", "approve")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ChangeAsync(parent, new { type = "plc", reason = "Floated." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/organisations/{child.GetProperty("id").GetString()}");
        var scope = after.GetProperty("scopes")[0];
        scope.GetProperty("status").GetString().ShouldBe("approved");
        scope.GetProperty("flags")[0].GetString().ShouldBe("not-for-profit-arm-of-private-group");
    }

    [Fact]
    public async Task A_controller_change_that_makes_a_cycle_is_refused_and_nothing_changes()
    {
        var top = await RegisterAsync(new { name = "Top Charity", type = "registered-charity", charityNumber = "1100001", scopes = new[] { "care-leavers" }, council = Doncaster });
        var below = await RegisterAsync(new
        {
            name = "Below Charity", type = "registered-charity", charityNumber = "1100002",
            controller = new { organisationId = top.GetProperty("id").GetString(), votingRightsShare = 0.9 }, scopes = new[] { "care-leavers" }, council = Doncaster,
        });

        var refused = await ChangeAsync(top, new
        {
            type = "registered-charity", controller = new { organisationId = below.GetProperty("id").GetString(), votingRightsShare = 0.9 }, reason = "Merger.",
        });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(refused)).Rule.ShouldBe("P3");
        (await Factory.QueryAsync(db => db.Organisations.SingleAsync(o => o.Name == "Top Charity"))).ControllerId.ShouldBeNull();
    }
}

public sealed class RegistrySearchTests(ProvidersFactory factory) : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await ImportDoncasterAsync();
        await RegisterAsync(new { name = "Search Charity", type = "registered-charity", charityNumber = "1200001", scopes = new[] { "child-protection" }, council = Doncaster });
        await RegisterAsync(new { name = "Search Ltd", type = "ltd", companyNumber = "12000002", scopes = new[] { "child-protection", "care-leavers" }, council = Doncaster });
        await CicOfAPrivateGroupAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> NamesAsync(string query) =>
        (await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/organisations?{query}"))
            .GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task Organisations_are_found_by_scope_form_eligibility_and_flag()
    {
        (await NamesAsync("scope=child-protection&eligibility=ineligible")).ShouldBe(["Search Ltd"]);
        (await NamesAsync("scope=child-protection&eligibility=eligible")).ShouldBe(["Care Futures CIC", "Search Charity"]);
        (await NamesAsync("type=registered-charity")).ShouldBe(["Search Charity"]);
        (await NamesAsync("scope=care-leavers")).ShouldBe(["Search Ltd"]);
    }

    [Fact]
    public async Task A_scope_word_not_in_the_list_is_a_400() =>
        (await ProblemDocument.ReadAsync(await Factory.ClientFor(Roles.Dfe).GetAsync("/api/providers/organisations?scope=babysitting"))).Errors!.Keys.ShouldContain("scope");
}
