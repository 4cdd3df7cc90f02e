using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Platform.AppHost;
using Platform.AppHost.Hosting;
using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The whole platform started through the AppHost library, as <c>./platform up</c> starts it: private
/// PostgreSQL and RabbitMQ, the five services and the gateway on a free port. Tests reach it only
/// through the gateway, with tokens.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log;

    private RunningPlatform(DistributedApplication app, string dataDirectory, JwtSettings jwt, ConcurrentQueue<string> log)
    {
        _log = log;
        App = app;
        DataDirectory = dataDirectory;
        Jwt = jwt;
    }

    public DistributedApplication App { get; }

    public string DataDirectory { get; }

    public JwtSettings Jwt { get; }

    public Uri Gateway => new(App.UrlOf("gateway"));

    /// <summary>The platform's output, for a failing test's message.</summary>
    public string RecentLog(int lines = 80) => string.Join('\n', _log.TakeLast(lines));

    public static async Task<RunningPlatform> StartAsync()
    {
        var dataDirectory = Path.Combine(TestServers.Root, "e2e-" + Guid.NewGuid().ToString("N"));
        var log = new ConcurrentQueue<string>();
        var (app, jwt) = DisposablePlatform.Build(
            dataDirectory,
            "Testing",
            (resource, line) =>
            {
                log.Enqueue($"{resource} | {line}");
                while (log.Count > 2000)
                {
                    log.TryDequeue(out _);
                }
            },
            new Dictionary<string, string?> { ["Messaging__Outbox__PollInterval"] = "00:00:00.250" });
        try
        {
            await app.StartAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The platform did not start: {exception.Message}\n{string.Join('\n', log.TakeLast(60))}", exception);
        }

        ProcessReaper.Watch(dataDirectory, app.Resources);
        return new RunningPlatform(app, dataDirectory, jwt, log);
    }

    public HttpClient Client(string? role = null, params string[] localAuthorities) =>
        role is null ? new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) } : ClientAs($"e2e-{role}", role, localAuthorities);

    /// <summary>A client for a named person (the token's subject) in <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string subject, string role, params string[] localAuthorities)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevelopmentTokens.Create(Jwt, role, localAuthorities, subject: subject));
        return client;
    }

    /// <summary>Loads a small reference list through the registry's API and waits until the other services know it.</summary>
    public async Task ImportAuthoritiesAsync(string csv, params string[] expectGss)
    {
        using var dfe = Client(Roles.Dfe);
        var response = await dfe.PostAsync("/api/providers/local-authorities/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.EnsureSuccessStatusCode();
        foreach (var gss in expectGss)
        {
            foreach (var probe in new[] { $"/api/inspections/judgements?la={gss}", $"/api/commissioners/cases?la={gss}" })
            {
                await Eventually.TrueAsync(async () => (await dfe.GetAsync(probe)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), $"{probe} to know {gss}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await App.StopAsync();
}

/// <summary>One platform shared by the tests of the <see cref="WholePlatform"/> collection.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Header = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours";
    public const string Birmingham = "E08000025";
    public const string Leeds = "E08000035";
    public const string Sandwell = "E08000028";
    public const string Coventry = "E08000026";

    public RunningPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await RunningPlatform.StartAsync();
        await Platform.ImportAuthoritiesAsync(
            string.Join('\n',
                Header,
                $"{Birmingham},330,Birmingham,WM,West Midlands,Metropolitan District,432811,892 352 380 391 353 889 373 806 852 355",
                $"{Leeds},383,Leeds,YH,Yorkshire and the Humber,Metropolitan District,200000,373 372 370 371 392 350 352 353 354 355",
                $"{Sandwell},333,Sandwell,WM,West Midlands,Metropolitan District,117233,332 373 391 380 352 886 830 812 356 330",
                $"{Coventry},331,Coventry,WM,West Midlands,Metropolitan District,120000,330 333 373 391 380 352 886 830 812 356") + "\n",
            Birmingham, Leeds, Sandwell, Coventry);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

[CollectionDefinition(nameof(WholePlatform), DisableParallelization = true)]
public sealed class WholePlatform : ICollectionFixture<PlatformFixture>;
