using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Integrations.Data;
using Platform.ServiceDefaults;

namespace Platform.Integrations.EventLog;

/// <summary>
/// Removes entries past their retention: always a run from the oldest position, so the log stays one
/// unbroken run of positions and a cursor before its first entry is known to have missed events. The newest
/// entry always stays, so the next position follows it and no position is given twice.
/// </summary>
public sealed class EventLogRetention(IServiceScopeFactory scopes, IOptions<EventLogOptions> options, TimeProvider time, ILogger<EventLogRetention> logger)
    : PeriodicCheck(time, options.Value.CleanupInterval, logger)
{
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var cutoff = Time.GetUtcNow() - options.Value.Retention;
        var newest = await db.EventLog.MaxAsync(entry => (long?)entry.Position, cancellationToken) ?? 0;
        var expiredThrough = await db.EventLog.Where(entry => entry.RecordedAt < cutoff).MaxAsync(entry => (long?)entry.Position, cancellationToken) ?? 0;
        return await db.EventLog
            .Where(entry => entry.Position <= expiredThrough && entry.Position < newest)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
