using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Platform.Testing;
using Platform.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The dashboard pages in headless Chromium (Debian's), served by the gateway from a running platform
/// with more than twenty authorities: filter and sort the national table, open an authority and see
/// its charts, see a stopped service's section marked unavailable while the rest renders, and axe
/// finding nothing serious or critical on either page. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(nameof(WholePlatform))]
public sealed class DashboardInTheBrowserTests(PlatformFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    // Authorities of the tests' own making in two real regions, by GSS code and LA number.
    private static readonly (string Gss, string Number, string Name, string RegionCode, string Region)[] MoreAuthorities =
    [
        ("E08000901", "901", "Ashworth", "NW", "North West"), ("E08000902", "902", "Brackenfold", "NW", "North West"),
        ("E08000903", "903", "Calderbridge", "NW", "North West"), ("E08000904", "904", "Dunmere", "NW", "North West"),
        ("E08000905", "905", "Eastwick", "NW", "North West"), ("E08000906", "906", "Fellsby", "NW", "North West"),
        ("E08000907", "907", "Greystone", "NW", "North West"), ("E08000908", "908", "Harrowdale", "NW", "North West"),
        ("E08000909", "909", "Ivybank", "NW", "North West"), ("E08000910", "910", "Juniper Moss", "NW", "North West"),
        ("E08000911", "911", "Kestrelford", "NW", "North West"), ("E08000912", "912", "Larkhaven", "NW", "North West"),
        ("E08000913", "913", "Moorcliffe", "YH", "Yorkshire and the Humber"), ("E08000914", "914", "Netherholm", "YH", "Yorkshire and the Humber"),
        ("E08000915", "915", "Oxenby", "YH", "Yorkshire and the Humber"), ("E08000916", "916", "Pennywell", "YH", "Yorkshire and the Humber"),
        ("E08000917", "917", "Quarrybeck", "YH", "Yorkshire and the Humber"), ("E08000918", "918", "Ravensmoor", "YH", "Yorkshire and the Humber"),
    ];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private RunningPlatform Platform => fixture.Platform;

    private static string Screenshots => Path.Combine(RepositoryLayout.FindRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        await Platform.ImportAuthoritiesAsync(
            PlatformFixture.Header + "\n" + string.Concat(MoreAuthorities.Select(la => $"{la.Gss},{la.Number},{la.Name},{la.RegionCode},{la.Region},Metropolitan District,100000,\n")),
            MoreAuthorities.Select(la => la.Gss).ToArray());
        await LoadFiguresAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>
    /// Two census years of returns for every authority, in the layout DfE publishes its workforce
    /// statistics (rates suppressed, so only the counts are read), and a judgement history, through the gateway.
    /// </summary>
    private async Task LoadFiguresAsync()
    {
        var all = MoreAuthorities.Select(la => (la.Gss, la.Number, la.Name))
            .Concat([(PlatformFixture.Birmingham, "330", "Birmingham"), (PlatformFixture.Leeds, "383", "Leeds"), (PlatformFixture.Sandwell, "333", "Sandwell"), (PlatformFixture.Coventry, "331", "Coventry")])
            .ToList();
        var returns = new StringBuilder(
            "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,"
            + "starters_fte,leavers_fte,turnover_rate_fte,agency_fte,agency_rate_fte,vacancy_fte,vacancy_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte\n");
        var judgements = new StringBuilder("gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n");
        var grades = new[] { "good", "requires improvement", "outstanding", "inadequate" };
        for (var i = 0; i < all.Count; i++)
        {
            var (gss, number, name) = all[i];
            var fte = 200 + (i * 37 % 400);
            foreach (var (year, agency, leavers, caseload) in new[] { (2022, 0.15, 0.16, 15 + i % 9), (2023, 0.12, 0.14, 15 + i % 8) })
            {
                returns.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"{year},Reporting year,Local authority,E92000001,England,,,{number},{gss},{name},{fte},{fte + 10},{fte * 0.1},{fte * leavers},x,{fte * agency},x,{fte * 0.2},x,{fte * 0.8},{(int)(fte * 0.8 * caseload)},x,low\n");
            }
            // The collection's own four authorities keep the judgements other tests give them.
            if (i < MoreAuthorities.Length)
            {
                judgements.Append(System.Globalization.CultureInfo.InvariantCulture, $"{gss},{number},{name},2019-0{1 + i % 9}-15,ILACS,{grades[i % 4]},,,,,\n");
                judgements.Append(System.Globalization.CultureInfo.InvariantCulture, $"{gss},{number},{name},2023-0{1 + i % 9}-20,ILACS,{grades[(i + 1) % 3]},,,,,\n");
            }
        }

        using var dfe = Platform.Client(Roles.Dfe);
        using var ofsted = Platform.Client(Roles.Ofsted);
        (await ofsted.PostAsync("/api/inspections/imports", new StringContent(judgements.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () =>
        {
            var imported = await dfe.PostAsync("/api/workforce/imports", new StringContent(returns.ToString(), Encoding.UTF8, "text/csv"));
            return imported.IsSuccessStatusCode && (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetInt32() == 0;
        }, TimeSpan.FromSeconds(30), "Workforce to know every authority");
    }

    /// <summary>A DfE official signed in as a person is: the dashboard sends them to the identity service's page and back.</summary>
    private async Task<IPage> SignedInPageAsync(string returnUrl = "/")
    {
        const string Subject = "browser-dfe";
        const string Password = "a password of the test's own";
        await Platform.KeepUserAsync(Subject, Roles.Dfe, [], Password);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Platform.Gateway.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#username", Subject);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.StartsWith(Platform.Gateway.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal));
        return page;
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("https://attacker.example/")]
    [InlineData("//attacker.example/")]
    public async Task Signing_in_returns_only_to_a_page_of_the_dashboard_and_no_script_holds_the_token(string returnUrl)
    {
        var page = await SignedInPageAsync(returnUrl);
        page.Url.ShouldBe(Platform.Gateway.ToString());
        await page.Locator("#national-body tr").First.WaitForAsync();

        (await page.EvaluateAsync<string>("document.cookie")).ShouldNotContain("dashboard-session");
        (await page.EvaluateAsync<int>("sessionStorage.length + localStorage.length")).ShouldBe(0);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "dashboard-session");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Lax);

        var response = await page.GotoAsync("/");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        policy.ShouldNotBeNull();
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldContain("frame-ancestors 'none'");
        (await response.HeaderValueAsync("x-content-type-options")).ShouldBe("nosniff");
    }

    [Fact]
    public async Task Anyone_reads_the_event_types_for_integrators_with_an_example_each_and_how_to_subscribe()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Platform.Gateway.ToString(), ViewportSize = new ViewportSize { Width = 1200, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/integrations.html");
        await page.Locator("#events section").First.WaitForAsync();
        var types = await page.Locator("#events section h3").AllInnerTextsAsync();
        types.Count.ShouldBe(20);
        types.ShouldContain("uk.gov.education.csc.inspection.published.v1");
        (await page.Locator("#events details").CountAsync()).ShouldBe(types.Count, "an example for each");
        await page.Locator("#events summary").First.ClickAsync();
        (await page.Locator("#events pre").First.InnerTextAsync()).ShouldContain("\"specversion\": \"1.0\"");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("POST /api/integrations/subscriptions");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "integrations.png"), FullPage = true });
        await NoSeriousViolationsAsync(page, "integrations");
    }

    private async Task NoSeriousViolationsAsync(IPage page, string name)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"{name}: axe {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes)");
        }

        serious.ShouldBeEmpty(string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help}")));
    }

    [Fact]
    public async Task A_DfE_official_filters_the_national_table_opens_an_authority_and_sees_its_charts()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#national-body tr").Nth(19).WaitForAsync();
        (await page.Locator("#national-body tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "national.png"), FullPage = true });
        await NoSeriousViolationsAsync(page, "national");

        // The headline panel counts what the table holds: each authority once by its latest grade.
        var headlines = page.Locator("#headlines");
        await headlines.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots, "national-headlines.png") });
        var gradeCounts = (await page.Locator("#headline-grades .dashboard-figure").AllInnerTextsAsync()).Select(int.Parse).ToList();
        gradeCounts.Sum().ShouldBe(await page.Locator("#national-body tr").CountAsync());
        (await page.Locator("#national-body tr td:nth-child(3) .govuk-tag--red").CountAsync()).ShouldBe(gradeCounts[3], "the fourth figure counts the inadequate");
        (await page.Locator("#grade-chart svg rect").CountAsync()).ShouldBe(5);
        var workforceLines = await page.Locator("#headline-workforce li").AllInnerTextsAsync();
        workforceLines.ShouldContain(line => line.Contains("Caseload above 20"));
        workforceLines.ShouldContain(line => line.Contains("Agency rate above 25%"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download local authorities (CSV)" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        download.SuggestedFilename.ShouldBe("local-authorities.csv");
        csv[0].ShouldStartWith("Authority,Region,Latest grade,Published,Intervention");
        csv.Length.ShouldBe(1 + await page.Locator("#national-body tr").CountAsync());

        await page.GetByLabel("Region").SelectOptionAsync("North West");
        var regions = await page.Locator("#national-body tr td:nth-child(2)").AllInnerTextsAsync();
        regions.Count.ShouldBe(12);
        regions.ShouldAllBe(region => region == "North West");

        await page.GetByRole(AriaRole.Button, new() { Name = "Caseload" }).ClickAsync();
        (await page.Locator("th[aria-sort='ascending']").InnerTextAsync()).Trim().ShouldBe("Caseload");
        var caseloads = (await page.Locator("#national-body tr td:nth-child(9)").AllInnerTextsAsync()).Select(decimal.Parse).ToList();
        caseloads.ShouldBe(caseloads.Order().ToList());

        await page.Keyboard.PressAsync("Tab");
        await page.GetByRole(AriaRole.Link, new() { Name = "Calderbridge" }).ClickAsync();
        await page.WaitForURLAsync("**/authority.html?la=E08000903");
        await page.Locator("#workforce-charts svg").First.WaitForAsync();
        (await page.Locator("#authority-name").InnerTextAsync()).ShouldBe("Calderbridge");
        (await page.Locator("#workforce-charts svg").CountAsync()).ShouldBe(3);
        (await page.Locator("#judgements svg circle").CountAsync()).ShouldBe(2);
        (await page.Locator("#workforce-charts svg").First.GetAttributeAsync("aria-label"))!.ShouldContain("2023");
        (await page.Locator("#neighbour-ranks caption").InnerTextAsync()).ShouldContain("2023");
        (await page.Locator(".dashboard-download a").CountAsync()).ShouldBe(await page.Locator("main table").CountAsync(), "every table downloads");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "authority.png"), FullPage = true });
        await NoSeriousViolationsAsync(page, "authority");
    }

    [Fact]
    public async Task A_stopped_service_marks_its_section_unavailable_while_the_rest_of_the_page_renders()
    {
        var page = await SignedInPageAsync();
        await Platform.StopResourceAsync("workforce");
        try
        {
            // A complete answer may be served again for a few seconds (Dashboard:Freshness): reload until it is not.
            await Eventually.TrueAsync(async () =>
            {
                await page.GotoAsync("/");
                await page.Locator("#national-body tr").First.WaitForAsync();
                return await page.GetByText("Workforce unavailable").IsVisibleAsync();
            }, TimeSpan.FromSeconds(30), "the national page to mark Workforce unavailable");
            (await page.Locator("#national-body tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(20);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "national-workforce-stopped.png"), FullPage = true });

            await page.GotoAsync("/authority.html?la=E08000912");
            await page.GetByText("Workforce unavailable").WaitForAsync();
            (await page.Locator("#judgements svg").CountAsync()).ShouldBe(1);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "authority-workforce-stopped.png"), FullPage = true });
        }
        finally
        {
            await Platform.StartResourceAsync("workforce");
        }
    }
}
