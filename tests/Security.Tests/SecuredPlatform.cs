using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>
/// One platform for the security tests, its keys turning over in seconds rather than weeks: a key is
/// published four seconds before it is used, and every replica and validator reads keys every second.
/// </summary>
public sealed class SecuredPlatform : IAsyncLifetime
{
    public static readonly TimeSpan KeyLead = TimeSpan.FromSeconds(4);

    /// <summary>The five services behind the gateway, each answering its operator's dead-letter list.</summary>
    public static readonly IReadOnlyList<string> Services = ["inspections", "commissioners", "contracts", "workforce", "providers", "integrations"];

    /// <summary>The gateway's default limits.</summary>
    public const int DashboardPerMinute = 60;
    public const int DefaultPerMinute = 600;

    private Task<Matrix.MatrixWorld>? _world;

    public RunningPlatform Platform { get; private set; } = null!;

    /// <summary>The records the authorization matrix and the fuzzer ask about, made once.</summary>
    public Task<Matrix.MatrixWorld> MatrixWorldAsync() => _world ??= Matrix.MatrixWorld.BuildAsync(Platform);

    public async Task InitializeAsync() =>
        Platform = await RunningPlatform.StartAsync(settings: new Dictionary<string, string>
        {
            ["Identity:Keys:Lead"] = KeyLead.ToString(),
            ["Identity:Keys:RefreshInterval"] = "00:00:01",
            ["Authentication:MetadataRefreshOnUnknownKey"] = "00:00:01",
            ["RateLimits:DashboardPerMinute"] = DashboardPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:DefaultPerMinute"] = DefaultPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async Task DisposeAsync() => await Platform.DisposeAsync();

    public Uri Identity => Platform.UrlOf("identity");

    /// <summary>An operator's request to one service directly, and the same through the gateway, with a given token.</summary>
    public IEnumerable<(string Where, HttpRequestMessage Request)> OperatorProbes(string token)
    {
        foreach (var service in Services)
        {
            var path = $"/api/{service}/operations/dead-letters";
            yield return ($"{service} directly", Probe(new Uri(Platform.UrlOf(service), path), token));
            yield return ($"{service} through the gateway", Probe(new Uri(Platform.Gateway, path), token));
        }

        yield return ("identity directly", Probe(new Uri(Identity, "/api/identity/keys"), token));
        yield return ("identity through the gateway", Probe(new Uri(Platform.Gateway, "/api/identity/keys"), token));
    }

    /// <summary>The status every probe answers, by where it went.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ProbeAllAsync(string token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var answers = new Dictionary<string, int>();
        foreach (var (where, request) in OperatorProbes(token))
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                answers[where] = (int)response.StatusCode;
            }
        }

        return answers;
    }

    public async Task<JsonElement> KeysAsync()
    {
        using var http = new HttpClient { BaseAddress = Identity };
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        return await http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
    }

    public Task<string> OperatorTokenAsync(string subject = "security-operator") => Platform.TokenAsync(subject, Roles.Operator, []);

    private static HttpRequestMessage Probe(Uri uri, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}

[CollectionDefinition(nameof(Secured), DisableParallelization = true)]
public sealed class Secured : ICollectionFixture<SecuredPlatform>;
