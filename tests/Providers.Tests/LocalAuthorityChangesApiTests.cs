using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>I3c: authorities reorganisations ended are kept as history with their successors and announced.</summary>
public sealed class LocalAuthorityChangesApiTests(ProvidersFactory factory) : IClassFixture<ProvidersFactory>
{
    private const string Header = "gss_code,la_code,name,ended,successor_gss_codes";

    // Both successors are made here; the ended authorities are of this test class alone.
    private const string North = "E06000061,940,North Northamptonshire,EM,East Midlands,Unitary Authority,80000,";
    private const string West = "E06000062,941,West Northamptonshire,EM,East Midlands,Unitary Authority,90000,";

    private async Task<HttpResponseMessage> ImportChangesAsync(string csv, string role = Roles.Dfe)
    {
        await factory.ClientFor(Roles.Dfe).PostAsync("/api/providers/local-authorities/imports", new StringContent(ReferenceCsv.Of(North, West), Encoding.UTF8, "text/csv"));
        return await factory.ClientFor(role).PostAsync("/api/providers/local-authorities/changes", new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    [Fact]
    public async Task An_ended_authority_is_kept_with_its_successors_and_announced_once()
    {
        var csv = $"{Header}\nE10000021,928,Northamptonshire,2021-03-31,E06000061;E06000062\n";

        var first = await (await ImportChangesAsync(csv)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await ImportChangesAsync(csv)).Content.ReadFromJsonAsync<JsonElement>();

        first.GetProperty("added").GetInt32().ShouldBe(1);
        second.GetProperty("unchanged").GetInt32().ShouldBe(1);
        var announced = await factory.QueryAsync(db => db.OutboxMessages
            .Where(m => m.EventType == "LocalAuthorityRegistered" && m.Payload.Contains("E10000021")).Select(m => m.Payload).ToListAsync());
        announced.Count.ShouldBe(1);
        announced[0].ShouldContain("\"endedOn\":\"2021-03-31\"");
        announced[0].ShouldContain("E06000062");

        var ended = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/providers/local-authorities/E10000021");
        ended.GetProperty("endedOn").GetString().ShouldBe("2021-03-31");
        ended.GetProperty("successors").EnumerateArray().Select(s => s.GetString()).ShouldBe(["E06000061", "E06000062"]);

        var changes = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/providers/local-authorities/changes");
        changes.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("localAuthority").GetString()).ShouldContain("E10000021");
        var current = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/providers/local-authorities?pageSize=200");
        current.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("localAuthority").GetString()).ShouldNotContain("E10000021");
    }

    [Fact]
    public async Task A_successor_that_is_not_a_current_authority_or_a_bad_row_is_refused_with_its_line()
    {
        var response = await ImportChangesAsync($"{Header}\nE10000098,901,Nowhere County,2021-03-31,E06000999\nE10000099,902,Elsewhere,31/03/2021,E06000061\n");
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        summary.GetProperty("rejected").GetInt32().ShouldBe(2);
        var reasons = summary.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("reason").GetString()).ToList();
        reasons.ShouldContain(reason => reason!.Contains("E06000999 is not a current local authority"));
        reasons.ShouldContain(reason => reason!.Contains("not a date"));
        (await factory.QueryAsync(db => db.EndedLocalAuthorities.AnyAsync(la => la.Gss == "E10000098" || la.Gss == "E10000099"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_current_authority_cannot_be_ended_while_it_is_on_the_reference_list()
    {
        var summary = await (await ImportChangesAsync($"{Header}\nE06000061,940,North Northamptonshire,2025-03-31,E06000062\n")).Content.ReadFromJsonAsync<JsonElement>();

        summary.GetProperty("rejected").GetInt32().ShouldBe(1);
        summary.GetProperty("errors")[0].GetProperty("reason").GetString()!.ShouldContain("is a current authority");
    }

    [Fact]
    public async Task Only_dfe_or_the_registrar_imports_changes() =>
        (await ImportChangesAsync($"{Header}\n", Roles.Council)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
}
