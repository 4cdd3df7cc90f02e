using Microsoft.EntityFrameworkCore;

namespace Platform.Inspections.Data;

/// <summary>
/// Recording an inspection is a read then a write: two requests (or two replicas, or an import and a
/// request) recording the same inspection at once must not both find it missing. Each takes, inside its
/// transaction, a PostgreSQL advisory lock per authority it records for; the locks go with the transaction.
/// </summary>
public static class InspectionLocks
{
    /// <summary>The advisory lock space of judgements (the first of the two keys), apart from the migrations'.</summary>
    private const int JudgementsLockSpace = 0x4A44;

    /// <summary>Takes the authorities' locks in one order, so that two writers never wait on each other crosswise.</summary>
    public static async Task LockAuthoritiesAsync(this InspectionsDbContext db, IEnumerable<string> authorities, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The authorities' locks are taken inside the transaction that records their judgements.");
        }

        foreach (var authority in authorities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({JudgementsLockSpace}, hashtext({authority}))", cancellationToken);
        }
    }
}
