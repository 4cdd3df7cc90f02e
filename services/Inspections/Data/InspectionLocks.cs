using Platform.Messaging;

namespace Platform.Inspections.Data;

/// <summary>
/// Recording an inspection is a read then a write: two requests (or two replicas, or an import and a
/// request) recording the same inspection at once must not both find it missing. Each takes, inside its
/// transaction, an advisory lock per authority it records for.
/// </summary>
public static class InspectionLocks
{
    /// <summary>The advisory lock space of judgements, apart from the migrations' and the registry's.</summary>
    private const int JudgementsLockSpace = 0x4A44;

    public static Task LockAuthoritiesAsync(this InspectionsDbContext db, IEnumerable<string> authorities, CancellationToken cancellationToken) =>
        db.LockAsync(JudgementsLockSpace, authorities, cancellationToken);
}
