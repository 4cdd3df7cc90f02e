using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>The headers every answer carries, bound from <c>SecurityHeaders</c>.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>
    /// An API's answers load nothing and may be framed by nobody; the gateway, which serves the dashboard's
    /// pages, names its own (scripts, styles and data from itself only, no inline script).
    /// </summary>
    public string ContentSecurityPolicy { get; set; } = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Paths given no policy: Swagger UI in Development, which runs inline script of its own.</summary>
    public List<string> ExemptPaths { get; set; } = [];
}

/// <summary>Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and X-Frame-Options on every answer.</summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        Apply(context, options.Value);
        return next(context);
    }

    /// <summary>
    /// Sets the headers, replacing any already there: a proxy calls it again once a service's answer has
    /// been copied, so the browser gets its own policy once rather than both.
    /// </summary>
    public static void Apply(HttpContext context, SecurityHeadersOptions options)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!IsExempt(context.Request.Path, options.ExemptPaths))
        {
            headers.ContentSecurityPolicy = options.ContentSecurityPolicy;
        }
    }

    private static bool IsExempt(PathString path, List<string> exemptPaths)
    {
        foreach (var exempt in exemptPaths)
        {
            if (path.StartsWithSegments(exempt, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
