using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using Platform.ServiceDefaults.Http;

namespace Platform.Messaging;

/// <summary>
/// A write that lost a race (the row's version changed under it, or a concurrent request created the
/// same record first and a unique index refused the second) is a 409 problem saying the record
/// changed meanwhile, never a 500; its transaction was rolled back, so nothing of it was saved.
/// </summary>
public sealed partial class ConcurrentWriteExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateException lost || lost is not DbUpdateConcurrencyException && !IsUniqueViolation(lost))
        {
            return false;
        }

        await EntityTag.ChangedMeanwhile(RecordName(lost.Entries)).ExecuteAsync(httpContext);
        return true;
    }

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>"intervention case" for an <c>InterventionCase</c> (or a part it owns); "record" when EF Core does not say.</summary>
    private static string RecordName(IReadOnlyList<EntityEntry> entries)
    {
        var type = entries.Count > 0 ? entries[0].Metadata : null;
        while (type?.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }

        return type is null ? "record" : WordStart().Replace(type.ClrType.Name, " $1").Trim().ToLowerInvariant();
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex WordStart();
}
