using Microsoft.Extensions.Options;

namespace Platform.Providers.ReferenceData;

/// <summary>At start, loads the configured reference list of authorities, then the authorities reorganisations ended, if configured.</summary>
public sealed partial class ReferenceDataSeeder(
    IServiceScopeFactory scopeFactory,
    IOptions<ReferenceDataOptions> options,
    ILogger<ReferenceDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.LocalAuthoritiesPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            LogNoReferenceData(logger);
            return;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{ReferenceDataOptions.Section}:LocalAuthoritiesPath names a file that does not exist.", path);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        using (var reader = File.OpenText(path))
        {
            var summary = await scope.ServiceProvider.GetRequiredService<LocalAuthorityImporter>().ImportAsync(reader, cancellationToken);
            LogSeeded(logger, path, summary.Added, summary.Updated, summary.Unchanged, summary.Rejected);
        }

        var changesPath = options.Value.LocalAuthorityChangesPath;
        if (string.IsNullOrWhiteSpace(changesPath))
        {
            return;
        }

        if (!File.Exists(changesPath))
        {
            throw new FileNotFoundException($"{ReferenceDataOptions.Section}:LocalAuthorityChangesPath names a file that does not exist.", changesPath);
        }

        using (var reader = File.OpenText(changesPath))
        {
            var summary = await scope.ServiceProvider.GetRequiredService<LocalAuthorityChangesImporter>().ImportAsync(reader, cancellationToken);
            LogSeeded(logger, changesPath, summary.Added, summary.Updated, summary.Unchanged, summary.Rejected);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "No reference list of authorities configured; import one through POST /api/providers/local-authorities/imports")]
    private static partial void LogNoReferenceData(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded authorities from {Path}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected")]
    private static partial void LogSeeded(ILogger logger, string path, int added, int updated, int unchanged, int rejected);
}
