using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every POST (IETF httpapi draft): the request and the record of its
/// response are one transaction, so a retry with the same key and body replays the first response
/// (status, body, <c>Location</c>) and changes nothing; the same key with another request is a 422;
/// a key whose first request is still running is a 409. Keys belong to the caller who sent them.
/// </summary>
public sealed partial class IdempotencyMiddleware<TContext>(
    RequestDelegate next, TimeProvider time, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware<TContext>> logger)
    where TContext : MessagingDbContext
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || values.Count > 1 || key.Any(char.IsControl))
        {
            await Problem(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is not usable.",
                $"Send one {Header} of 1 to {MaxKeyLength} printable characters.");
            return;
        }

        var caller = context.User.FindFirst("sub")?.Value ?? "";
        var requestHash = await HashAsync(context.Request, context.RequestAborted);
        var db = context.RequestServices.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        if (!await TryLockAsync(db, caller, key, context.RequestAborted))
        {
            await Problem(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                "Wait for its answer, then send the retry again: it will be answered as the first request was.");
            return;
        }

        var now = time.GetUtcNow();
        var first = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(record => record.Caller == caller && record.Key == key && record.ExpiresAt > now, context.RequestAborted);
        if (first is not null)
        {
            await (first.RequestHash == requestHash
                ? ReplayAsync(context, first)
                : Problem(context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for another request.",
                    "A key names one request: send a new key for a different request."));
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = true;
        try
        {
            await next(context);
            if (context.Response.StatusCode < StatusCodes.Status500InternalServerError)
            {
                kept = await KeepAsync(db, transaction, new IdempotencyRecord
                {
                    Caller = caller,
                    Key = key,
                    RequestHash = requestHash,
                    Status = context.Response.StatusCode,
                    Location = context.Response.Headers.Location.FirstOrDefault(),
                    ContentType = context.Response.ContentType,
                    Body = buffer.ToArray(),
                    CreatedAt = now,
                    ExpiresAt = now + options.Value.Retention,
                }, context.RequestAborted);
            }
        }
        finally
        {
            context.Response.Body = original;
        }

        if (!kept)
        {
            // The effect was not committed either: the answer prepared for it would be untrue.
            context.Response.Clear();
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "The request could not be saved.",
                "Nothing was changed. Send it again with the same Idempotency-Key.");
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Only one request per caller and key at a time; the lock ends with the transaction.</summary>
    private static async Task<bool> TryLockAsync(TContext db, string caller, string key, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({caller + "\n" + key}, 7)) AS \"Value\"")
            .SingleAsync(cancellationToken);

    /// <summary>
    /// Commits the request's effect with the record of its answer; false, with nothing committed, when
    /// that fails (the effect's own statements left the transaction unusable, or the database went away).
    /// </summary>
    private async Task<bool> KeepAsync(TContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_keys (caller, key, request_hash, status, location, content_type, body, created_at, expires_at)
                VALUES ({record.Caller}, {record.Key}, {record.RequestHash}, {record.Status}, {record.Location}, {record.ContentType}, {record.Body}, {record.CreatedAt}, {record.ExpiresAt})
                ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status, location = excluded.location,
                    content_type = excluded.content_type, body = excluded.body, created_at = excluded.created_at, expires_at = excluded.expires_at
                """,
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            LogNotKept(logger, exception, record.Key);
            return false;
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord first)
    {
        context.Response.StatusCode = first.Status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (first.Location is not null)
        {
            context.Response.Headers.Location = first.Location;
        }

        if (first.ContentType is not null)
        {
            context.Response.ContentType = first.ContentType;
        }

        await context.Response.Body.WriteAsync(first.Body, context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["header"] = Header }).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request with Idempotency-Key {Key} was not committed: its transaction failed.")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string key);
}
