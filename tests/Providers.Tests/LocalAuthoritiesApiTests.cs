using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Providers.Data;
using Platform.Providers.ReferenceData;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

public sealed class LocalAuthoritiesApiTests(ProvidersFactory factory) : IClassFixture<ProvidersFactory>
{

    private Task<HttpResponseMessage> ImportAsync(string csv, string role = Roles.Dfe) =>
        factory.ClientFor(role).PostAsync("/api/providers/local-authorities/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Replicas_seeding_the_same_list_at_once_take_turns_and_register_each_authority_once()
    {
        // Wakefield and Rotherham are seeded by this test alone; three replicas start together.
        var csv = ReferenceCsv.Of(ReferenceCsv.Wakefield, ReferenceCsv.Rotherham);
        var summaries = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LocalAuthorityImporter>().ImportAsync(new StringReader(csv), CancellationToken.None);
        }));

        summaries.Sum(summary => summary.Added).ShouldBe(2);
        summaries.Sum(summary => summary.Unchanged).ShouldBe(4);
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "LocalAuthorityRegistered" && m.Payload.Contains("E08000036")))).ShouldBe(1);
        (await factory.QueryAsync(db => db.Organisations.CountAsync(o => o.Council == "E08000018"))).ShouldBe(1);
    }

    [Fact]
    public async Task Importing_the_same_list_twice_changes_nothing_the_second_time()
    {
        // Leeds and Sheffield are imported by this test alone.
        var csv = ReferenceCsv.Of(ReferenceCsv.Leeds, ReferenceCsv.Sheffield);

        var first = await (await ImportAsync(csv)).Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var eventsAfterFirst = await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "LocalAuthorityRegistered"));
        var second = await (await ImportAsync(csv)).Content.ReadFromJsonAsync<Dictionary<string, object>>();

        first!["added"].ToString().ShouldBe("2");
        second!["added"].ToString().ShouldBe("0");
        second["unchanged"].ToString().ShouldBe("2");
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "LocalAuthorityRegistered"))).ShouldBe(eventsAfterFirst);
    }

    [Fact]
    public async Task Each_new_authority_is_announced_by_event()
    {
        await ImportAsync(ReferenceCsv.Of(ReferenceCsv.Doncaster));

        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m =>
            m.EventType == "LocalAuthorityRegistered" && m.Payload.Contains("E08000017") && m.SentAt != null)));
    }

    [Fact]
    public async Task An_authority_is_read_by_its_gss_code_and_an_unknown_code_is_404_problem()
    {
        await ImportAsync(ReferenceCsv.Of(ReferenceCsv.Birmingham));

        var found = await factory.ClientFor(Roles.Council, "E08000025").GetFromJsonAsync<Dictionary<string, object>>("/api/providers/local-authorities/E08000025");
        found!["name"].ToString().ShouldBe("Birmingham");

        var missing = await factory.ClientFor(Roles.Dfe).GetAsync("/api/providers/local-authorities/E06000999");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemDocument.ReadAsync(missing)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_line_numbers_while_good_rows_are_stored()
    {
        var response = await ImportAsync(ReferenceCsv.Of(ReferenceCsv.Sandwell, "E08000999,999,,WM,West Midlands,District,1,"));
        var summary = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        summary!["rejected"].GetInt32().ShouldBe(1);
        summary["errors"][0].GetProperty("line").GetInt32().ShouldBe(3);
        (await factory.QueryAsync(db => db.LocalAuthorities.AnyAsync(la => la.Gss == "E08000999"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_file_in_another_format_is_a_400_naming_the_file()
    {
        var response = await ImportAsync("code,name\nE08000025,Birmingham\n");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldContain("file");
    }

    [Fact]
    public async Task Only_dfe_or_the_registrar_imports() =>
        (await ImportAsync(ReferenceCsv.Of(ReferenceCsv.Birmingham), Roles.Council)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task The_list_is_paged()
    {
        await ImportAsync(ReferenceCsv.Of(ReferenceCsv.Birmingham, ReferenceCsv.Sandwell, ReferenceCsv.Doncaster));

        var page = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>("/api/providers/local-authorities?page=1&pageSize=2");

        page!["items"].GetArrayLength().ShouldBe(2);
        page["pageSize"].GetInt32().ShouldBe(2);
        page["total"].GetInt32().ShouldBeGreaterThanOrEqualTo(3);
    }
}
