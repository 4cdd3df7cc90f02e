using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using Platform.Testing.Journeys;
using Shouldly;

namespace Platform.Security.Tests.Matrix;

/// <summary>
/// The records the matrix asks about, all of one authority ({A}, Birmingham) and its trust ({P}): a judgement
/// and the case it opened, a commissioner appointed to it and a direction given, the trust registered,
/// approved and established, a contract with it, a workforce return, a person and an integrator's client.
/// Each caller acts for {A} and {P} ("own") or for {B}, Leeds, and another provider ("other").
/// </summary>
public sealed class MatrixWorld
{
    public const string OwnAuthority = MainJourneys.Birmingham;
    public const string OtherAuthority = MainJourneys.Leeds;
    public const int CensusYear = 2026;
    public const string CommissionerSubject = "matrix.commissioner";
    public const string KeptSubject = "matrix.kept-person";

    /// <summary>The full statutory scope a children's services trust is approved for (P5).</summary>
    public static readonly string[] TrustScope = ["child-protection", "children-in-need", "care-planning", "looked-after-children", "care-leavers"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private MatrixWorld(RunningPlatform platform) => Platform = platform;

    public RunningPlatform Platform { get; }

    public Guid OtherProvider { get; } = Guid.NewGuid();

    /// <summary>The ids of {A}'s records: a list answered to a caller acting for another must not hold any.</summary>
    public IReadOnlyList<string> OwnMarkers => [_values["judgement"], _values["contract"], _values["case"], _values["trust"], _values["subscription"]];

    public static async Task<MatrixWorld> BuildAsync(RunningPlatform platform)
    {
        var world = new MatrixWorld(platform);
        await world.BuildAsync();
        return world;
    }

    /// <summary>The value of a placeholder or path parameter for an operation's path.</summary>
    public string ValueOf(string name, string path) => name switch
    {
        "A" or "gss" or "la" or "localAuthority" => OwnAuthority,
        "B" => OtherAuthority,
        "P" => _values["trust"],
        "commissioner" => _values["commissioner"],
        "censusYear" => CensusYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "directionId" => _values["direction"],
        "subject" => KeptSubject,
        "clientId" => _values["client"],
        "unique" => Guid.NewGuid().ToString("N")[..12],
        "digits" => Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "future" => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "id" => IdFor(path),
        _ => throw new InvalidOperationException($"The matrix has no value for '{name}' in {path}."),
    };

    /// <summary>The operation's authority query parameters, each naming {A}, but for <paramref name="except"/>.</summary>
    public static IEnumerable<string> AuthorityParameters(ApiOperation operation, string? except = null) =>
        operation.Parameters
            .Where(p => p.In == "query" && p.Name != except && p.Name is "la" or "localAuthority")
            .Select(p => $"{p.Name}={OwnAuthority}");

    /// <summary>The operation's path with the world's values in place, and its authority parameters naming {A}.</summary>
    public string TargetOf(ApiOperation operation)
    {
        var path = Fill(operation.Path, operation.Key);
        var query = string.Join('&', AuthorityParameters(operation));
        return query.Length > 0 ? $"{path}?{query}" : path;
    }

    /// <summary>The token of a role acting for its own authority and provider, or for another's.</summary>
    public async Task<string> TokenAsync(string role, bool own)
    {
        var scope = own ? "own" : "other";
        return role switch
        {
            Roles.Council => await Platform.TokenAsync($"matrix.council.{scope}", role, [own ? OwnAuthority : OtherAuthority]),
            Roles.Commissioner => await Platform.TokenAsync(own ? CommissionerSubject : "matrix.commissioner.other", role, [own ? OwnAuthority : OtherAuthority]),
            Roles.Provider => await Platform.TokenAsync($"matrix.provider.{scope}", role, [], own ? Guid.Parse(_values["trust"]) : OtherProvider),
            Roles.Integrator => await Platform.TokenAsync($"matrix.integrator.{scope}", role, [own ? OwnAuthority : OtherAuthority]),
            _ => await Platform.TokenAsync($"matrix.{role}", role, []),
        };
    }

    /// <summary>The record an operation's {id} names; <paramref name="operation"/> is its key or its path.</summary>
    private string IdFor(string operation) => operation switch
    {
        // Deleted by the matrix's first allowed call: the other operations keep theirs.
        _ when operation.StartsWith("DELETE /api/integrations/subscriptions", StringComparison.Ordinal) => _values["subscriptionToDelete"],
        _ => IdForPath(operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]),
    };

    private string IdForPath(string path) => path switch
    {
        _ when path.StartsWith("/api/integrations/subscriptions", StringComparison.Ordinal) => _values["subscription"],
        _ when path.StartsWith("/api/inspections/judgements", StringComparison.Ordinal) => _values["judgement"],
        _ when path.StartsWith("/api/commissioners/register", StringComparison.Ordinal) => _values["commissioner"],
        _ when path.StartsWith("/api/commissioners/cases", StringComparison.Ordinal) => _values["case"],
        _ when path.StartsWith("/api/contracts", StringComparison.Ordinal) => _values["contract"],
        _ when path.StartsWith("/api/providers/trust-registrations", StringComparison.Ordinal) => _values["registration"],
        _ when path.StartsWith("/api/providers/organisations", StringComparison.Ordinal) => _values["trust"],
        _ => throw new InvalidOperationException($"The matrix has no record for the id in {path}."),
    };

    private async Task BuildAsync()
    {
        await MainJourneys.ImportAuthoritiesAsync(Platform);
        using var ofsted = Client(Roles.Ofsted);
        using var dfe = Client(Roles.Dfe);
        using var registrar = Client(Roles.Registrar);
        using var council = Platform.ClientAs("matrix.council.own", Roles.Council, OwnAuthority);

        // Systemic failure (wholesale inadequacy and corporate failure): the case needs a commissioner from the start.
        var judgement = await CreatedAsync(await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = OwnAuthority, framework = "ilacs-standard", inspectionStartDate = "2026-01-12", inspectionEndDate = "2026-01-23",
            publicationDate = "2026-03-01", overall = "inadequate", wholesaleInadequateServices = true, corporateFailureBySeniorLeaders = true,
            subJudgements = new { impactOfLeaders = "inadequate", helpAndProtection = "inadequate", inCare = "inadequate", careLeavers = "inadequate" },
        }));
        _values["judgement"] = judgement.GetProperty("id").GetString()!;

        var interventionCase = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={OwnAuthority}");
            return cases.GetProperty("total").GetInt32() > 0 && cases.GetProperty("items")[0].GetProperty("status").GetString() == "commissioner-required"
                ? cases.GetProperty("items")[0].GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the case the judgement opens, needing a commissioner");
        _values["case"] = interventionCase!;

        var commissioner = await CreatedAsync(await dfe.PostAsJsonAsync("/api/commissioners/register",
            new { name = "Matrix Commissioner", subject = CommissionerSubject, expertise = new[] { "children's services" } }));
        _values["commissioner"] = commissioner.GetProperty("id").GetString()!;
        (await dfe.PostAsJsonAsync($"/api/commissioners/cases/{_values["case"]}/appointment",
            new { commissionerId = _values["commissioner"], directionReference = "DfE-MATRIX", appointedOn = "2026-04-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var appointed = Platform.ClientAs(CommissionerSubject, Roles.Commissioner, OwnAuthority))
        {
            var direction = await CreatedAsync(await appointed.PostAsJsonAsync($"/api/commissioners/cases/{_values["case"]}/directions",
                new { text = "Publish a caseload plan.", dueOn = ValueOf("future", "") }));
            _values["direction"] = direction.GetProperty("id").GetString()!;
        }

        var trust = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Birmingham Children's Trust (matrix)", type = "registered-charity", charityNumber = "1190001",
            scopes = TrustScope, localAuthority = OwnAuthority,
        }));
        _values["trust"] = trust.GetProperty("id").GetString()!;
        foreach (var scope in TrustScope)
        {
            (await registrar.PostAsJsonAsync($"/api/providers/organisations/{_values["trust"]}/decisions", new { scope, decision = "approve" }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var registration = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/trust-registrations",
            new { localAuthority = OwnAuthority, decidedOn = "2026-02-01" }));
        _values["registration"] = registration.GetProperty("id").GetString()!;
        var established = await registrar.PostAsJsonAsync($"/api/providers/trust-registrations/{_values["registration"]}/establishment",
            new { trustOrganisationId = _values["trust"], operatingFrom = "2026-04-01" });
        established.StatusCode.ShouldBe(HttpStatusCode.OK, await established.Content.ReadAsStringAsync());

        var contract = await Eventually.ReturnsAsync(async () =>
        {
            var response = await council.PostAsJsonAsync("/api/contracts", new
            {
                localAuthority = OwnAuthority, providerId = _values["trust"], title = "Birmingham child protection (matrix)", scopes = new[] { "child-protection" },
                value = 2_000_000m, startDate = "2026-04-01", endDate = "2029-03-31",
                kpis = new object[] { new { measure = "caseload", target = 18, amberMargin = 2 } }, reviewCadence = "quarterly",
            });
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(30), "Contracts to know Birmingham");
        _values["contract"] = contract!;

        var submitted = await council.PostAsJsonAsync("/api/workforce/returns", new
        {
            localAuthority = OwnAuthority, censusYear = CensusYear, headcountEmployed = 120, fteEmployed = 110, caseHoldingFte = 70, agencyFte = 12,
            startersFte = 9, leaversFte = 8, vacanciesFte = 6, casesHeld = 1200, absenceDays = 700,
        });
        submitted.IsSuccessStatusCode.ShouldBeTrue(await submitted.Content.ReadAsStringAsync());

        using var operatorClient = Client(Roles.Operator);
        (await operatorClient.PutAsJsonAsync($"/api/identity/users/{KeptSubject}", new { role = "dfe", password = "a long passphrase kept" })).IsSuccessStatusCode.ShouldBeTrue();
        var client = await CreatedAsync(await operatorClient.PostAsJsonAsync("/api/identity/clients", new { displayName = "Matrix client", localAuthorities = new[] { OwnAuthority } }));
        _values["client"] = client.GetProperty("clientId").GetString()!;

        using (var integrator = new HttpClient { BaseAddress = Platform.Gateway })
        {
            integrator.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(Roles.Integrator, own: true));
            foreach (var name in new[] { "subscription", "subscriptionToDelete" })
            {
                // Nothing listens there: deliveries fail and wait, and the matrix's calls act on the subscription alone.
                var subscription = await CreatedAsync(await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = $"http://127.0.0.1:9/hooks/{name}" }));
                _values[name] = subscription.GetProperty("id").GetString()!;
            }
        }

        // The trust serves {A}: Workforce lets it submit {A}'s returns once it has heard so.
        using var provider = new HttpClient { BaseAddress = Platform.Gateway };
        provider.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(Roles.Provider, own: true));
        await Eventually.TrueAsync(async () => (await provider.GetAsync($"/api/workforce/returns/{OwnAuthority}/{CensusYear}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "Workforce to know the trust serves Birmingham");
    }

    private HttpClient Client(string role) => Platform.ClientAs($"matrix.{role}", role);

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The operation's sample body with the world's values in place of its placeholders, or null when it takes none.</summary>
    public HttpContent? BodyFor(ApiOperation operation, RequestSamples samples, string role)
    {
        if (!operation.HasBody)
        {
            return null;
        }

        var sample = samples.For(operation.Key, role) ?? throw new InvalidOperationException($"request-samples.json has no body for {operation.Key}.");
        if (operation.TakesCsv)
        {
            return new StringContent(Fill(sample.GetProperty("csv").GetString()!, operation.Path), Encoding.UTF8, "text/csv");
        }

        return new StringContent(Fill(sample.GetRawText(), operation.Path), Encoding.UTF8, "application/json");
    }

    /// <summary>Every <c>{name}</c> in <paramref name="text"/> replaced by its value.</summary>
    public string Fill(string text, string path) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\{(\w+)\}", match => ValueOf(match.Groups[1].Value, path));
}
