using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Messaging;

/// <summary>
/// PostgreSQL transaction-scoped advisory locks: a read-then-write that must not interleave with
/// another (in this replica or any other) takes the lock of what it decides on, inside the transaction
/// that writes; the lock ends with the transaction.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>The lock space of work that one replica does for all (periodic checks).</summary>
    private const int SingleReplicaSpace = 0x5043;

    /// <summary>Takes the locks of <paramref name="keys"/> in one order, so two writers never wait on each other crosswise.</summary>
    /// <param name="space">The lock space of one kind of decision (the first of PostgreSQL's two keys).</param>
    public static async Task LockAsync(this DbContext db, int space, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({space}, hashtext({key}))", cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="pass"/> in a transaction that holds the lock named <paramref name="work"/>,
    /// when no other replica holds it; returns null, having done nothing, when one does. A replica that
    /// comes second once the first has committed sees the first one's changes, so work done by a pass
    /// (a deadline raised, a contract expired) is never done twice.
    /// </summary>
    public static async Task<int?> InOneReplicaAsync(this DbContext db, string work, Func<CancellationToken, Task<int>> pass, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var acquired = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SingleReplicaSpace}, hashtext({work})) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!acquired)
        {
            return null;
        }

        var changed = await pass(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static void RequireTransaction(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An advisory lock is taken inside the transaction that writes what it protects.");
        }
    }
}
