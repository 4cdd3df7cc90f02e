namespace Platform.ServiceDefaults.Http;

/// <summary>One page of a list, in the shape every list endpoint returns.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>The same page with each item in the shape the caller is answered in.</summary>
    public Paged<TResult> Map<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], Page, PageSize, Total);
}

/// <summary>Query-string paging (<c>?page=1&amp;pageSize=50</c>), clamped to sane bounds.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    /// <summary>The last page a request may ask for: beyond it the rows skipped would not fit an <see cref="int"/>.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static PageRequest From(int? page, int? pageSize) =>
        new(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}

public static class Paging
{
    /// <summary>The requested page of a list already in hand (a short list, or one ordered in memory).</summary>
    public static Paged<T> ToPage<T>(this IReadOnlyList<T> all, PageRequest request) =>
        new([.. all.Skip(request.Skip).Take(request.PageSize)], request.Page, request.PageSize, all.Count);
}
