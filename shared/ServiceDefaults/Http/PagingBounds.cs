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
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue)
        {
            return next(context);
        }

        Dictionary<string, string[]>? errors = null;
        Check(context.Request.Query, "page", PageRequest.MaxPage, ref errors);
        Check(context.Request.Query, "pageSize", PageRequest.MaxPageSize, ref errors);
        return errors is null ? next(context) : Results.ValidationProblem(errors).ExecuteAsync(context);
    }

    private static void Check(IQueryCollection query, string field, int max, ref Dictionary<string, string[]>? errors)
    {
        if (!query.TryGetValue(field, out var values))
        {
            return;
        }

        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
        {
            (errors ??= new(StringComparer.Ordinal))[field] = [$"'{field}' is a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}."];
        }
    }
}
