using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Http;

namespace Platform.Messaging.Data;

public static class QueryPaging
{
    /// <summary>
    /// The requested page of an ordered query, read in the database: only the page's rows fetched, however
    /// long the list, and the total counted when the page does not already tell it (a first page with room
    /// to spare is the whole list: the dashboards' summaries, one row per authority, cost one query).
    /// </summary>
    public static Task<Paged<T>> ToPageAsync<T>(this IOrderedQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken) =>
        ordered.ToPageAsync(row => row, request, cancellationToken);

    /// <summary>As above, each row projected in the database into the shape the caller is answered in.</summary>
    public static async Task<Paged<TResult>> ToPageAsync<T, TResult>(
        this IOrderedQueryable<T> ordered, Expression<Func<T, TResult>> projection, PageRequest request, CancellationToken cancellationToken)
    {
        var items = await ordered.Skip(request.Skip).Take(request.PageSize).Select(projection).ToListAsync(cancellationToken);
        var total = request.Skip == 0 && items.Count < request.PageSize ? items.Count : await ordered.CountAsync(cancellationToken);
        return new Paged<TResult>(items, request.Page, request.PageSize, total);
    }
}
