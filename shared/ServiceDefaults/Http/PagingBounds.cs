using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Every list's <c>page</c> and <c>pageSize</c> within bounds before the endpoint runs: a page size from 1
/// to <see cref="PageRequest.MaxPageSize"/>, a page from 1 to <see cref="PageRequest.MaxPage"/> (so the
/// rows skipped never overflow), each a whole number; anything else is a 400 problem naming the field.
/// </summary>
public sealed class PagingBounds(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(context.Request.Query, "page", PageRequest.MaxPage, errors);
        Check(context.Request.Query, "pageSize", PageRequest.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            await Results.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static void Check(IQueryCollection query, string field, int max, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(field, out var values))
        {
            return;
        }

        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
        {
            errors[field] = [$"'{field}' is a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}."];
        }
    }
}
