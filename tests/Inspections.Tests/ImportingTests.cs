using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;

namespace Platform.Inspections.Tests;

public sealed class ImportingTests(InspectionsFactory factory) : IClassFixture<InspectionsFactory>, IAsyncLifetime
{
    private const string SummaryHeader =
        "urn,la_code,region_code,ltla23cd,stat_neighbours,stat_neighbour_judgement,local_authority,inspection_link,overall_effectiveness_grade,"
        + "inspection_framework,inspector_name,inspection_start_date,inspection_end_date,publication_date,local_link_to_all_inspections,"
        + "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,inspectors_inspections_count";

    private const string HistoryHeader = "gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync(
        ("E08000016", "370", "Barnsley"), ("E06000009", "890", "Blackpool"), ("E06000006", "876", "Halton"),
        ("E09000001", "201", "City of London"), ("E09000007", "202", "Camden"), ("E06000043", "846", "Brighton and Hove"));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(string csv)
    {
        var response = await factory.ClientFor(Roles.Ofsted).PostAsync("/api/inspections/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string Summary(params string[] rows) => string.Join('\n', [SummaryHeader, .. rows]) + "\n";

    private static string History(params string[] rows) => string.Join('\n', [HistoryHeader, .. rows]) + "\n";

    [Fact]
    public async Task Given_the_ofsted_summary_sheet_when_imported_twice_then_the_second_import_changes_nothing()
    {
        var csv = Summary(
            "90001,370,YH,E08000016,\"372, 384\",\"[(372, 'outstanding')]\",barnsley,https://reports.example.test/summary-90001,good,short,test inspector one,11/09/2023,15/09/2023,27/10/23,0,good,requires improvement,good,good,3",
            "90002,890,NW,E06000009,\"805, 806\",\"[(805, 'outstanding')]\",blackpool,https://reports.example.test/summary-90002,requires improvement,standard,test inspector two,05/12/2022,16/12/2022,01/02/23,0,requires improvement,requires improvement,good,inspection_pre_dates_judgement,4");

        var (status, first) = await ImportAsync(csv);
        var (_, second) = await ImportAsync(csv);

        status.ShouldBe(HttpStatusCode.OK);
        first.GetProperty("format").GetString().ShouldBe("ofsted-summary");
        first.GetProperty("added").GetInt32().ShouldBe(2);
        second.GetProperty("added").GetInt32().ShouldBe(0);
        second.GetProperty("corrected").GetInt32().ShouldBe(0);
        second.GetProperty("unchanged").GetInt32().ShouldBe(2);

        var blackpool = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/authorities/E06000009/history");
        var judgement = blackpool.GetProperty("judgements")[0];
        judgement.GetProperty("framework").GetString().ShouldBe("ilacs-standard");
        judgement.GetProperty("publicationDate").GetString().ShouldBe("2023-02-01");
        judgement.GetProperty("inspectionStartDate").GetString().ShouldBe("2022-12-05");
        judgement.GetProperty("subJudgements").GetProperty("careLeavers").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_rejected_with_line_and_reason_while_the_others_are_stored_and_noted()
    {
        var csv = Summary(
            "1,876,NW,E06000006,,,halton,https://reports.example.test/summary-1,inadequate,standard,x,13/05/2024,24/05/2024,12/07/24,0,inadequate,inadequate,inadequate,inadequate,1",
            "2,876,NW,E06000006,,,halton,,dreadful,standard,x,13/05/2021,24/05/2021,12/07/21,0,inadequate,inadequate,inadequate,inadequate,1",
            "3,876,NW,E06000006,,,halton,,good,standard,x,2021-05-13,24/05/2021,12/07/21,0,good,good,good,good,1",
            "4,999,NW,E06000999,,,nowhere,,good,standard,x,13/05/2021,24/05/2021,12/07/21,0,good,good,good,good,1",
            "5,890,NW,E06000006,,,halton,,good,standard,x,13/05/2020,24/05/2020,12/07/20,0,good,good,good,good,1",
            "6,876,NW,E06000006,,,halton,,nan,short,x,27/04/2026,01/05/2026,17/06/26,0,good,good,good,good,1");

        var (_, result) = await ImportAsync(csv);

        result.GetProperty("added").GetInt32().ShouldBe(2);
        result.GetProperty("rejected").GetInt32().ShouldBe(4);
        var errors = result.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("line").GetInt32(), e => e.GetProperty("reason").GetString()!);
        errors[3].ShouldContain("not a grade");
        errors[4].ShouldContain("not a date");
        errors[5].ShouldContain("not a registered local authority");
        errors[7].ShouldContain("overall grade");
        // I3c: codes that disagree are not refused; the LA number of a current authority wins, and the answer says so.
        errors.ShouldNotContainKey(6);
        result.GetProperty("notes")[0].GetProperty("line").GetInt32().ShouldBe(6);
        result.GetProperty("notes")[0].GetProperty("note").GetString()!.ShouldContain("The codes disagree");
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == "E06000006"))).ShouldBe(1);
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == "E06000009" && j.PublicationDate == new DateOnly(2020, 7, 12)))).ShouldBe(1);
    }

    [Fact]
    public async Task The_history_format_is_told_apart_by_its_header_and_a_changed_row_is_a_correction()
    {
        var original = History(
            "E09000001,201,City of London,2016-09-20,SIF,good,outstanding,good,good,good,children's services inspection - 20 september 2016.pdf",
            "E09000001,201,City of London,2020-04-06,ILACS,outstanding,outstanding,good,outstanding,,children's services inspection - 06 april 2020.pdf",
            "E09000007,,Camden,2017-11-24,SIF,good,outstanding,good,good,good,report.pdf");
        var changed = History(
            "E09000001,201,City of London,2016-09-20,SIF,requires improvement,outstanding,good,good,good,children's services inspection - 20 september 2016.pdf");

        var (_, first) = await ImportAsync(original);
        var (_, second) = await ImportAsync(changed);

        first.GetProperty("format").GetString().ShouldBe("inspection-history");
        first.GetProperty("added").GetInt32().ShouldBe(3);
        second.GetProperty("corrected").GetInt32().ShouldBe(1);
        var history = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/authorities/E09000001/history");
        history.GetProperty("trajectory").EnumerateArray().Select(p => p.GetProperty("overall").GetString()).ShouldBe(["requires-improvement", "outstanding"]);
        var sif = history.GetProperty("judgements")[1];
        sif.GetProperty("version").GetInt32().ShouldBe(2);
        sif.GetProperty("correctionReason").GetString()!.ShouldContain("line 2");
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "InspectionPublished" && m.Payload.Contains("E09000001") && m.SentAt != null)).ContinueWith(t => t.Result == 3));
    }

    [Fact]
    public async Task Old_authority_codes_resolve_to_the_authority_the_row_means_and_the_answer_says_so()
    {
        await factory.RegisterAuthoritiesAsync(("E06000060", "825", "Buckinghamshire"), ("E06000063", "942", "Cumberland"), ("E06000064", "943", "Westmorland and Furness"));
        await RegisterEndedAsync("E10000002", "825", "Buckinghamshire County Council", new DateOnly(2020, 3, 31), "E06000060");
        await RegisterEndedAsync("E10000006", "909", "Cumbria", new DateOnly(2023, 3, 31), "E06000063", "E06000064");

        // The summary sheet's ltla23cd holds the county codes; the DfE number tells the authorities apart.
        var (_, summary) = await ImportAsync(Summary(
            "90011,825,SE,E10000002,\"826\",\"[(826, 'good')]\",buckinghamshire,https://reports.example.test/summary-90011,requires improvement,standard,test inspector three,06/03/2023,17/03/2023,05/05/23,0,requires improvement,requires improvement,requires improvement,good,2",
            "90012,942,NW,E10000006,\"943\",\"[(943, 'good')]\",cumberland,https://reports.example.test/summary-90012,good,standard,test inspector four,04/03/2024,15/03/2024,02/05/24,0,good,good,good,good,2",
            "90013,943,NW,E10000006,\"942\",\"[(942, 'good')]\",westmorland and furness,https://reports.example.test/summary-90013,good,standard,test inspector five,11/03/2024,22/03/2024,09/05/24,0,good,good,good,good,2"));
        var (_, history) = await ImportAsync(History("E10000002,825,Buckinghamshire County Council,2018-12-05,ILACS,inadequate,inadequate,inadequate,inadequate,inadequate,report.pdf"));

        summary.GetProperty("rejected").GetInt32().ShouldBe(0);
        summary.GetProperty("added").GetInt32().ShouldBe(3);
        var notes = summary.GetProperty("notes").EnumerateArray().ToDictionary(note => note.GetProperty("line").GetInt32(), note => note.GetProperty("note").GetString()!);
        notes[2].ShouldContain("successor Buckinghamshire (E06000060");
        notes[3].ShouldContain("the LA number is used");
        history.GetProperty("added").GetInt32().ShouldBe(1);
        history.GetProperty("notes").GetArrayLength().ShouldBe(0);

        var stored = await factory.QueryAsync(db => db.Judgements.Where(j => j.IsCurrent).Select(j => new { j.LocalAuthority, j.PublicationDate }).ToListAsync());
        stored.ShouldContain(new { LocalAuthority = "E06000060", PublicationDate = new DateOnly(2023, 5, 5) });
        stored.ShouldContain(new { LocalAuthority = "E06000063", PublicationDate = new DateOnly(2024, 5, 2) });
        stored.ShouldContain(new { LocalAuthority = "E06000064", PublicationDate = new DateOnly(2024, 5, 9) });
        stored.ShouldContain(new { LocalAuthority = "E10000002", PublicationDate = new DateOnly(2018, 12, 5) });

        // The successor's page shows its predecessor's judgements, marked as the predecessor's.
        var page = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/authorities/E06000060/history");
        page.GetProperty("judgements").EnumerateArray().Select(j => j.GetProperty("publicationDate").GetString()).ShouldBe(["2023-05-05"]);
        var predecessor = page.GetProperty("predecessors").EnumerateArray().ShouldHaveSingleItem();
        predecessor.GetProperty("localAuthority").GetString().ShouldBe("E10000002");
        predecessor.GetProperty("name").GetString().ShouldBe("Buckinghamshire County Council");
        predecessor.GetProperty("endedOn").GetString().ShouldBe("2020-03-31");
        predecessor.GetProperty("trajectory").EnumerateArray().Select(p => p.GetProperty("overall").GetString()).ShouldBe(["inadequate"]);
    }

    private async Task RegisterEndedAsync(string gss, string laNumber, string name, DateOnly endedOn, params string[] successors)
    {
        await factory.PublishAsync(new Platform.Messaging.Events.LocalAuthorityRegistered
        {
            OccurredAt = DateTimeOffset.UtcNow,
            LocalAuthority = gss,
            LaNumber = laNumber,
            Name = name,
            Region = "Test region",
            EndedOn = endedOn,
            Successors = successors,
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Set<Platform.Messaging.LocalAuthorities.KnownLocalAuthority>().AnyAsync(known => known.Gss == gss && known.EndedOn == endedOn)));
    }

    [Fact]
    public async Task Grades_on_an_other_row_are_kept_as_reported_and_shown_but_are_not_a_judgement_grade()
    {
        var (_, result) = await ImportAsync(History("E06000043,846,Brighton and Hove,2019-02-14,other,good,,requires improvement,,,visit.pdf"));

        result.GetProperty("added").GetInt32().ShouldBe(1);
        var history = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/authorities/E06000043/history");
        var visit = history.GetProperty("judgements").EnumerateArray().Single(j => j.GetProperty("publicationDate").GetString() == "2019-02-14");
        visit.GetProperty("overall").ValueKind.ShouldBe(JsonValueKind.Null);
        visit.GetProperty("reportedGrades").GetString().ShouldBe("overall: good; help and protection: requires improvement");
        history.GetProperty("trajectory").EnumerateArray().ShouldNotContain(point => point.GetProperty("publicationDate").GetString() == "2019-02-14");
    }

    [Fact]
    public async Task A_file_in_neither_format_is_a_400_naming_the_file()
    {
        var response = await factory.ClientFor(Roles.Ofsted).PostAsync("/api/inspections/imports", new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldContain("file");
    }

    [Fact]
    public async Task A_multipart_upload_is_accepted_too()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(History("E06000043,846,Brighton and Hove,2024-05-16,ILACS,outstanding,outstanding,outstanding,outstanding,outstanding,r.pdf")), "file", "history.csv" },
        };

        var response = await factory.ClientFor(Roles.Dfe).PostAsync("/api/inspections/imports", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Councils_do_not_import() =>
        (await factory.ClientFor(Roles.Council, "E06000043").PostAsync("/api/inspections/imports", new StringContent(History(), Encoding.UTF8, "text/csv")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
}
