using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.ServiceDefaults.Problems;

namespace Platform.Messaging;

/// <summary>A value longer than its column holds: refused before anything is written.</summary>
public sealed class FieldTooLongException(string field, int maximum, int length)
    : Exception($"'{field}' is at most {maximum} characters (was {length}).")
{
    public string Field { get; } = field;
}

/// <summary>
/// Every text a service stores is checked against its column's length (the model's own <c>HasMaxLength</c>)
/// as it is saved: whatever the endpoint, an over-long value is a 400 naming the field, never the
/// database's error (a 500) halfway through a write.
/// </summary>
public sealed class FieldBoundsInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } maximum && text.Length > maximum
                    && (entry.State == EntityState.Added || property.IsModified))
                {
                    throw new FieldTooLongException(JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name), maximum, text.Length);
                }
            }
        }
    }
}

/// <summary>Writes <see cref="FieldTooLongException"/> as a 400 validation problem naming the field.</summary>
public sealed class FieldTooLongExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not FieldTooLongException tooLong)
        {
            return false;
        }

        await new Validation().Add(tooLong.Field, tooLong.Message).ToProblem().ExecuteAsync(httpContext);
        return true;
    }
}
