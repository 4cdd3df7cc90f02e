using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Every request carries an <c>X-Correlation-Id</c>: the caller's, or a new one. It is echoed on the
/// response, put in the log scope, on the trace and in problem details, and forwarded by the gateway.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";
    private static readonly object ItemKey = new();

    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(correlationId) || correlationId.Length > 128)
        {
            // A trace id's form either way; without a trace, a fresh one from the runtime's per-thread generator
            // (an id, not a secret: a new Guid costs a read of the system's random source on every request).
            correlationId = (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();
            context.Request.Headers[Header] = correlationId;
        }

        context.Items[ItemKey] = correlationId;
        // Set last, replacing the copy a proxied service's response brings, so the header appears once.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);
        using (logger.BeginScope(new CorrelationScope(correlationId)))
        {
            await next(context);
        }
    }

    /// <summary>The log scope's one property, read by loggers as a list of name and value.</summary>
    private sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new("CorrelationId", correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{correlationId}";
    }
}
