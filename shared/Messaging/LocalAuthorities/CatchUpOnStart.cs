using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Events;
using Platform.ServiceDefaults;

namespace Platform.Messaging.LocalAuthorities;

/// <summary>
/// A service that keeps a directory of authorities and finds it empty (its database is new) asks for the
/// reference facts published before its queues existed (<see cref="CatchUpRequested"/>): once per start,
/// by one replica; a replica that finds another one asking looks again a minute on.
/// </summary>
public sealed partial class CatchUpOnStart<TContext>(
    IServiceScopeFactory scopes, TimeProvider time, string service, ILogger<CatchUpOnStart<TContext>> logger)
    : PeriodicCheck(time, TimeSpan.FromMinutes(1), logger)
    where TContext : MessagingDbContext
{
    private bool _asked;

    /// <summary>Asks when nothing is known yet and this replica has not asked; returns 1 when it asked.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        if (_asked)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var asked = await db.InOneReplicaAsync("catch-up", async token =>
        {
            if (await db.Set<KnownLocalAuthority>().AnyAsync(token))
            {
                return 0;
            }

            db.AddEvent(new CatchUpRequested { OccurredAt = Time.GetUtcNow(), Service = service });
            await db.SaveChangesAsync(token);
            return 1;
        }, cancellationToken);
        if (asked is not null)
        {
            _asked = true;
        }

        if (asked == 1)
        {
            LogAsked(logger, service);
        }

        return asked ?? 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} knows no authority yet: asked the registry and Workforce to announce what they published before.")]
    private static partial void LogAsked(ILogger logger, string service);
}
