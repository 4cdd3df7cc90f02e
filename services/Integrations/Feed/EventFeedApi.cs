using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Integrations.Data;
using Platform.Integrations.EventLog;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Integrations.Feed;

/// <summary>
/// The event log for integrators, within their grants: pages to pull (<c>GET /api/integrations/events</c>)
/// and a Server-Sent Events stream to follow (<c>/stream</c>). A page's <c>next</c> and a streamed event's
/// id are the same cursor, so a reader can catch up by pages and then follow, or resume a stream with
/// <c>Last-Event-ID</c>, without a gap or a repeat.
/// </summary>
public static class EventFeedApi
{
    public const int DefaultPageSize = 100;

    public const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapEventFeedApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/integrations/events").WithTags("Event feed").RequireAuthorization(Roles.Integrator);
        group.MapGet("/", ReadAsync);
        group.MapGet("/stream", FollowAsync);
        return group;
    }

    /// <summary>The events after the cursor (the oldest kept when none is given), a page at a time, and the cursor to read on from.</summary>
    public static async Task<Results<Ok<EventPage>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> ReadAsync(
        string? after, int? pageSize, HttpRequest request, IntegrationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (filter, validation, forbidden) = EventFilter.From(after, "after", request.Query["type"], request.Query["localAuthority"], IntegratorGrants.Of(user));
        if (forbidden)
        {
            return TypedResults.Forbid();
        }

        if (filter is null)
        {
            return validation.ToProblem();
        }

        if (await PastRetentionAsync(db, filter.After, "after", cancellationToken) is { } gone)
        {
            return gone;
        }

        var entries = await filter.Apply(db.EventLog.AsNoTracking()).Take(pageSize ?? DefaultPageSize)
            .Select(entry => new { entry.Position, entry.Document }).ToListAsync(cancellationToken);
        var next = entries.Count > 0 ? entries[^1].Position : filter.After;
        return TypedResults.Ok(new EventPage([.. entries.Select(entry => Parse(entry.Document))], EventFilter.CursorOf(next)));
    }

    /// <summary>The same events as a stream that stays open: first those after the cursor, then each as it is logged.</summary>
    public static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> FollowAsync(
        string? after, HttpRequest request, IntegrationsDbContext db, IServiceScopeFactory scopes, EventLogSignal signal, IOptions<EventLogOptions> options,
        TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A browser's EventSource resumes with the id of the last event it saw; that wins over the query.
        var resumeFrom = request.Headers[LastEventIdHeader].FirstOrDefault();
        var (cursor, field) = resumeFrom is not null ? (resumeFrom, LastEventIdHeader) : (after, "after");
        var (filter, validation, forbidden) = EventFilter.From(cursor, field, request.Query["type"], request.Query["localAuthority"], IntegratorGrants.Of(user));
        if (forbidden)
        {
            return TypedResults.Forbid();
        }

        if (filter is null)
        {
            return validation.ToProblem();
        }

        if (await PastRetentionAsync(db, filter.After, field, cancellationToken) is { } gone)
        {
            return gone;
        }

        return TypedResults.ServerSentEvents(Follow(filter, scopes, signal, options.Value, time, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Follow(
        EventFilter filter, IServiceScopeFactory scopes, EventLogSignal signal, EventLogOptions options, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = filter.After;
        var quietSince = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await ReadAfterAsync(scopes, filter with { After = after }, cancellationToken);
            foreach (var entry in entries)
            {
                yield return new SseItem<string>(entry.Document, entry.Type) { EventId = EventFilter.CursorOf(entry.Position) };
                after = entry.Position;
            }

            if (entries.Count == DefaultPageSize)
            {
                continue;
            }

            if (entries.Count > 0)
            {
                quietSince = time.GetUtcNow();
            }
            else if (time.GetUtcNow() - quietSince >= options.Heartbeat)
            {
                // A named event no reader of the log's events listens for, so proxies see the connection in use.
                yield return new SseItem<string>("", "heartbeat");
                quietSince = time.GetUtcNow();
            }

            await signal.WaitAsync(options.PollInterval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<List<EventLogEntry>> ReadAfterAsync(IServiceScopeFactory scopes, EventFilter filter, CancellationToken cancellationToken)
    {
        // A stream outlives any one query: each read has its own context, none held between them.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        try
        {
            return await filter.Apply(db.EventLog.AsNoTracking()).Take(DefaultPageSize).ToListAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>410 when entries after the cursor have passed the log's retention: the reader has missed events and must start again from the oldest.</summary>
    private static async Task<ProblemHttpResult?> PastRetentionAsync(IntegrationsDbContext db, long after, string field, CancellationToken cancellationToken)
    {
        if (after == 0)
        {
            return null;
        }

        var oldest = await db.EventLog.MinAsync(entry => (long?)entry.Position, cancellationToken);
        if (oldest is null || after >= oldest - 1)
        {
            return null;
        }

        var detail = $"Events after '{field}' {after} have passed the log's retention; read again from {EventFilter.Start} (the oldest kept, {oldest}).";
        return TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status410Gone,
            title: "The cursor is older than the event log.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
    }

    private static JsonElement Parse(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return parsed.RootElement.Clone();
    }
}

/// <summary>A page of the feed: CloudEvents documents in log order, and the cursor to read on from.</summary>
public sealed record EventPage(IReadOnlyList<JsonElement> Items, string Next);
