using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Contracts.Messaging;

/// <summary>Marks contracts whose term has ended as expired (C1), on the service's clock.</summary>
public sealed class ExpiryMonitor(IServiceScopeFactory scopes, TimeProvider time, IOptions<ContractsOptions> options, ILogger<ExpiryMonitor> logger)
    : PeriodicCheck(time, options.Value.ExpiryCheckInterval, logger)
{
    /// <summary>One pass, in one replica at a time; returns how many contracts it expired.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContractsDbContext>();
        return await db.InOneReplicaAsync(nameof(ExpiryMonitor), token => PassAsync(db, token), cancellationToken) ?? 0;
    }

    private async Task<int> PassAsync(ContractsDbContext db, CancellationToken cancellationToken)
    {
        var today = EnglishCalendar.Today(Time);
        var now = Time.GetUtcNow();
        var ended = await db.Contracts
            .Where(c => ContractStatuses.HoldingTerm.Contains(c.Status) && c.EndDate < today)
            .ToListAsync(cancellationToken);
        var expired = ended.Count(contract => contract.ExpireIfEnded(today, now));
        await db.SaveChangesAsync(cancellationToken);
        return expired;
    }
}
