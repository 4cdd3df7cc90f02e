using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

/// <summary>One platform shared by the tests of the <see cref="WholePlatform"/> collection.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Header = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours";
    public const string Birmingham = "E08000025";
    public const string Leeds = "E08000035";
    public const string Sandwell = "E08000028";
    public const string Coventry = "E08000026";
    public const string Wakefield = "E08000036";

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
                $"{Coventry},331,Coventry,WM,West Midlands,Metropolitan District,120000,330 333 373 391 380 352 886 830 812 356",
                $"{Wakefield},384,Wakefield,YH,Yorkshire and the Humber,Metropolitan District,90000,383 373 370 371 392 350 352 353 354 355") + "\n",
            Birmingham, Leeds, Sandwell, Coventry, Wakefield);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

[CollectionDefinition(nameof(WholePlatform), DisableParallelization = true)]
public sealed class WholePlatform : ICollectionFixture<PlatformFixture>;
