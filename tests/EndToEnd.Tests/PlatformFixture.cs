using Platform.Testing.Journeys;

namespace Platform.EndToEnd.Tests;

/// <summary>One platform shared by the tests of the <see cref="WholePlatform"/> collection.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Header = MainJourneys.Header;
    public const string Birmingham = MainJourneys.Birmingham;
    public const string Leeds = MainJourneys.Leeds;
    public const string Sandwell = MainJourneys.Sandwell;
    public const string Coventry = MainJourneys.Coventry;
    public const string Wakefield = MainJourneys.Wakefield;

    public RunningPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await RunningPlatform.StartAsync();
        await MainJourneys.ImportAuthoritiesAsync(Platform);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

[CollectionDefinition(nameof(WholePlatform), DisableParallelization = true)]
public sealed class WholePlatform : ICollectionFixture<PlatformFixture>;
