using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway;

/// <summary>
/// A service that cannot be reached is "unavailable" to the caller: YARP's 502 for a refused or
/// failed connection becomes a 503, and the status-code-pages middleware writes it as problem details.
/// </summary>
public static class ProxyErrors
{
    public static async Task AsServiceUnavailable(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is not null && !context.Response.HasStarted && error.Error is not ForwarderError.RequestCanceled)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
