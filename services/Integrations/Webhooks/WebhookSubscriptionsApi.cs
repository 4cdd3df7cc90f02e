using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Integrations.Data;
using Platform.Integrations.EventLog;
using Platform.Integrations.Feed;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Integrations.Webhooks;

/// <summary>
/// An integrator's webhook subscriptions: made for event types and authorities within its grants (none
/// asked: all it is granted), delivered from the moment they are made; listed, paused, resumed, deleted;
/// their secret rotated (both signing until the overlap ends); a replay from a cursor or one event again;
/// and the log of every attempt. Another integrator's subscription is not found.
/// </summary>
public static class WebhookSubscriptionsApi
{
    public const int MaxUrlLength = 2000;

    /// <summary>How many times an integrator's change is made again after the dispatcher wrote the row between its read and its save.</summary>
    private const int ChangeAttempts = 5;

    public static RouteGroupBuilder MapWebhookSubscriptionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/integrations/subscriptions").WithTags("Webhook subscriptions").RequireAuthorization(Roles.Integrator);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/{id:guid}/pause", (Guid id, IntegrationsDbContext db, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken) =>
            ChangeAsync(id, db, user, subscription => subscription.Pause(), cancellationToken));
        group.MapPost("/{id:guid}/resume", (Guid id, IntegrationsDbContext db, ClaimsPrincipal user, TimeProvider time, EventLogSignal signal, CancellationToken cancellationToken) =>
            ChangeAsync(id, db, user, subscription => subscription.Resume(time.GetUtcNow()), cancellationToken, signal));
        group.MapPost("/{id:guid}/rotation", RotateAsync);
        group.MapPost("/{id:guid}/replays", ReplayAsync);
        group.MapGet("/{id:guid}/attempts", AttemptsAsync);
        return group;
    }

    public static async Task<Results<Created<SubscriptionView>, ValidationProblem, ForbidHttpResult>> CreateAsync(
        SubscriptionRequest request, IntegrationsDbContext db, WebhookTargets targets, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.Url, "url"))
        {
            if (request.Url!.Length > MaxUrlLength)
            {
                validation.Add("url", $"'url' is at most {MaxUrlLength} characters.");
            }
            else if (await targets.RefusalAsync(request.Url, cancellationToken) is { } refusal)
            {
                validation.Add("url", refusal);
            }
        }

        var types = Distinct(request.EventTypes);
        foreach (var unknown in types?.Where(type => EventCatalogue.Find(type) is null) ?? [])
        {
            validation.Add("eventTypes", $"'{unknown}' is not an event type of the platform (see /asyncapi.json).");
        }

        var authorities = Distinct(request.LocalAuthorities);
        if (authorities?.Any(code => !GssCode.IsValid(code)) == true)
        {
            validation.Add("localAuthorities", $"'localAuthorities' holds GSS codes, {GssCode.Description}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var grants = IntegratorGrants.Of(user);
        if (!grants.Covers(types, authorities))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var from = await db.EventLog.MaxAsync(entry => (long?)entry.Position, cancellationToken) ?? 0;
        var secret = WebhookSigner.NewSecret();
        var subscription = WebhookSubscription.Create(
            OwnerOf(user), request.Url!, types ?? grants.EventTypes?.ToList(), authorities ?? grants.LocalAuthorities?.ToList(), secret, from, now);
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/integrations/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription) with { Secret = secret });
    }

    public static async Task<Ok<List<SubscriptionView>>> ListAsync(IntegrationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(user);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.Owner == owner).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.Select(SubscriptionView.Of).ToList());
    }

    public static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> GetAsync(Guid id, IntegrationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await FindAsync(db, id, user, cancellationToken) is { } subscription ? TypedResults.Ok(SubscriptionView.Of(subscription)) : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IntegrationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(user);
        await db.Redeliveries.Where(r => r.SubscriptionId == id && db.Subscriptions.Any(s => s.Id == id && s.Owner == owner)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Subscriptions.Where(s => s.Id == id && s.Owner == owner).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    /// <summary>A new secret, shown once; the old one signs beside it until the overlap ends, so receivers can change over without a gap.</summary>
    public static async Task<Results<Ok<RotatedSecret>, ProblemHttpResult>> RotateAsync(
        Guid id, IntegrationsDbContext db, ClaimsPrincipal user, TimeProvider time, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var secret = WebhookSigner.NewSecret();
        var now = time.GetUtcNow();
        var result = await ChangeAsync(id, db, user, subscription => subscription.Rotate(secret, now, options.Value.RotationOverlap), cancellationToken);
        return result.Result is Ok<SubscriptionView> ok
            ? TypedResults.Ok(new RotatedSecret(secret, ok.Value!.PreviousSecretUntil!.Value))
            : (ProblemHttpResult)result.Result;
    }

    /// <summary>Delivers again: from a cursor on (every matching event after it, in order), or one event by its id.</summary>
    public static async Task<Results<Accepted<SubscriptionView>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        Guid id, ReplayRequest request, IntegrationsDbContext db, ClaimsPrincipal user, TimeProvider time, EventLogSignal signal, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        long after = 0;
        if ((request.After is null) == (request.EventId is null))
        {
            validation.Add("after", "A replay names either 'after' (a cursor) or 'eventId' (one event), not both.");
        }
        else if (request.After is not null && !EventFilter.TryParseCursor(request.After, out after))
        {
            validation.Add("after", $"'after' is a cursor the feed gave, or {EventFilter.Start} for the oldest event.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var subscription = await FindAsync(db, id, user, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();
        if (request.EventId is { } eventId)
        {
            var filter = new EventFilter(0, subscription.EventTypes, subscription.LocalAuthorities);
            var position = await filter.Apply(db.EventLog).Where(e => e.EventId == eventId).Select(e => (long?)e.Position).SingleOrDefaultAsync(cancellationToken);
            if (position is null)
            {
                return NotFoundProblem.For($"The log holds no event '{eventId}' for this subscription.");
            }

            if (!await db.Redeliveries.AnyAsync(r => r.SubscriptionId == id && r.Position == position, cancellationToken))
            {
                db.Redeliveries.Add(new WebhookRedelivery { SubscriptionId = id, Position = position.Value, RequestedAt = now });
            }
        }
        else
        {
            subscription.ReplayFrom(after, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/integrations/subscriptions/{id}", SubscriptionView.Of(subscription));
    }

    /// <summary>The delivery log: every attempt, newest first, a page at a time (<c>before</c> an attempt's id).</summary>
    public static async Task<Results<Ok<List<AttemptView>>, ProblemHttpResult>> AttemptsAsync(
        Guid id, long? before, int? pageSize, IntegrationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, user, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var attempts = await db.Attempts.AsNoTracking()
            .Where(a => a.SubscriptionId == id && (before == null || a.Id < before))
            .OrderByDescending(a => a.Id).Take(pageSize ?? 100)
            .Select(a => new AttemptView(a.Id, EventFilter.CursorOf(a.Position), a.EventId, a.Attempt, a.At, a.StatusCode, a.Error, a.DurationMs, a.Succeeded))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(attempts);
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> ChangeAsync(
        Guid id, IntegrationsDbContext db, ClaimsPrincipal user, Action<WebhookSubscription> change, CancellationToken cancellationToken, EventLogSignal? signal = null)
    {
        // The dispatcher writes its lease and cursor on the same row, so the row's version moves without
        // anyone changing what the integrator set; a change lost to that is made again on the row as it is.
        for (var attempt = 1; ; attempt++)
        {
            var subscription = await FindAsync(db, id, user, cancellationToken);
            if (subscription is null)
            {
                return NotFound(id);
            }

            change(subscription);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ChangeAttempts)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            signal?.Notify();
            return TypedResults.Ok(SubscriptionView.Of(subscription));
        }
    }

    private static Task<WebhookSubscription?> FindAsync(IntegrationsDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(user);
        return db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);
    }

    private static string OwnerOf(ClaimsPrincipal user) => user.Identity?.Name ?? throw new InvalidOperationException("An integrator's token names its client.");

    private static ProblemHttpResult NotFound(Guid id) => NotFoundProblem.For($"You have no subscription '{id}'.");

    private static List<string>? Distinct(IReadOnlyList<string>? values) =>
        values is null || values.Count == 0 ? null : values.Distinct(StringComparer.Ordinal).ToList();
}

public sealed record SubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? LocalAuthorities);

/// <summary>A replay: every matching event after the cursor <paramref name="After"/>, or the one event <paramref name="EventId"/>.</summary>
public sealed record ReplayRequest(string? After, Guid? EventId);

/// <param name="Cursor">The log position delivered through: the cursor a replay to here would name.</param>
/// <param name="Secret">The signing secret: in the answer that made the subscription only.</param>
public sealed record SubscriptionView(
    Guid Id, string Url, IReadOnlyList<string>? EventTypes, IReadOnlyList<string>? LocalAuthorities, string Status, string? DisabledReason,
    string Cursor, int FailedAttempts, string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset? PreviousSecretUntil, DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static SubscriptionView Of(WebhookSubscription s) => new(
        s.Id, s.Url, s.EventTypes, s.LocalAuthorities, s.Status.ToString().ToLowerInvariant(), s.DisabledReason, EventFilter.CursorOf(s.Cursor),
        s.Attempts, s.LastError, s.NextAttemptAt, s.PreviousSecretUntil, s.CreatedAt);
}

public sealed record RotatedSecret(string Secret, DateTimeOffset PreviousSecretValidUntil);

public sealed record AttemptView(long Id, string Cursor, Guid EventId, int Attempt, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs, bool Succeeded);
