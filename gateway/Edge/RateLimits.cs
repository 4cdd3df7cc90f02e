using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Platform.Gateway.Edge;

/// <summary>How many requests a caller may make a minute, bound from <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The dashboard's composed answers: each fans out to every service.</summary>
    public int DashboardPerMinute { get; set; } = 60;

    /// <summary>Everything else through the gateway.</summary>
    public int DefaultPerMinute { get; set; } = 600;

    /// <summary>The paths counted as the dashboard's composed answers.</summary>
    public List<string> DashboardPaths { get; set; } = ["/api/dashboard"];
}

/// <summary>
/// Rate limits per caller and per kind of route at the gateway: a caller is the token's subject, or the
/// address of a request without one; a minute is a sliding window of six ten-second parts. A request
/// over the limit is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (bool Dashboard, Caller Caller)>(context =>
            {
                if (IsHealthProbe(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter((false, default(Caller)));
                }

                var dashboard = options.DashboardPaths.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
                var permits = dashboard ? options.DashboardPerMinute : options.DefaultPerMinute;
                return RateLimitPartition.GetSlidingWindowLimiter((dashboard, CallerOf(context)), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var dashboard = options.DashboardPaths.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
                await Results.Problem(
                    $"More than {(dashboard ? options.DashboardPerMinute : options.DefaultPerMinute)} requests a minute to {(dashboard ? "the dashboard's answers" : "the platform")}; try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.").ExecuteAsync(context);
            };
        });
        return builder;
    }

    private static bool IsHealthProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    private static Caller CallerOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject
            ? new Caller(subject, null)
            : new Caller(null, context.Connection.RemoteIpAddress);

    /// <summary>A token's subject, or the address of a request without one (never the same key as a subject).</summary>
    private readonly record struct Caller(string? Subject, System.Net.IPAddress? Address);
}
