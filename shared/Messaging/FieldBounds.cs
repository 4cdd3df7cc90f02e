using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Text;

namespace Platform.Messaging;

/// <summary>A value its column cannot hold as it was sent: refused before anything is written.</summary>
public sealed class FieldOutOfBoundsException(string field, string reason) : Exception(reason)
{
    public string Field { get; } = field;
}

/// <summary>
/// Every value a service stores is checked as it is saved, whatever the endpoint: a number against its
/// column's digits (the model's own <c>HasPrecision</c>), a text against its column's length (the model's
/// own <c>HasMaxLength</c>) and for characters PostgreSQL cannot keep (NUL, a lone
/// UTF-16 surrogate, which the encoder would silently replace) or that no field of the platform holds
/// (control characters other than tab and line breaks). Each is a 400 naming the field, never the
/// database's error (a 500) halfway through a write, nor a value stored otherwise than it was sent.
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
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                var field = JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
                if (property.CurrentValue is decimal number && property.Metadata.GetPrecision() is { } precision
                    && Math.Abs(number) >= Limit(precision - (property.Metadata.GetScale() ?? 0)))
                {
                    throw new FieldOutOfBoundsException(field, $"'{field}' has at most {precision - (property.Metadata.GetScale() ?? 0)} digits before the decimal point.");
                }

                foreach (var text in Texts(property.CurrentValue))
                {
                    if (property.Metadata.GetMaxLength() is { } maximum && text.Length > maximum)
                    {
                        throw new FieldOutOfBoundsException(field, $"'{field}' is at most {maximum} characters (was {text.Length}).");
                    }

                    if (StorableText.FirstUnstorableAt(text) is { } position)
                    {
                        throw new FieldOutOfBoundsException(field, StorableText.Describe(field, position));
                    }
                }
            }
        }
    }

    /// <summary>10 to the power of the digits a column keeps before the point: the first value it cannot hold.</summary>
    private static decimal Limit(int digits) => digits >= 28 ? decimal.MaxValue : (decimal)Math.Pow(10, digits);

    private static IEnumerable<string> Texts(object? value) => value switch
    {
        string text => [text],
        IEnumerable<string> texts => texts,
        _ => [],
    };

}

/// <summary>Writes <see cref="FieldOutOfBoundsException"/> as a 400 validation problem naming the field.</summary>
public sealed class FieldOutOfBoundsExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not FieldOutOfBoundsException refused)
        {
            return false;
        }

        await new Validation().Add(refused.Field, refused.Message).ToProblem().ExecuteAsync(httpContext);
        return true;
    }
}
