using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging;

/// <summary>
/// PostgreSQL transaction-scoped advisory locks: a read-then-write that must not interleave with
/// another (in this replica or any other) takes the lock of what it decides on, inside the transaction
/// that writes; the lock ends with the transaction.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>Takes the locks of <paramref name="keys"/> in one order, so two writers never wait on each other crosswise.</summary>
    /// <param name="space">The lock space of one kind of decision (the first of PostgreSQL's two keys).</param>
    public static async Task LockAsync(this DbContext db, int space, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An advisory lock is taken inside the transaction that writes what it protects.");
        }

        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({space}, hashtext({key}))", cancellationToken);
        }
    }
}
