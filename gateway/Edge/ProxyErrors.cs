using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Edge;

/// <summary>
/// A service that cannot be reached is "unavailable" to the caller: YARP's 502 for a refused or failed
/// connection becomes a 503. A body the caller sent wrong (too large for the gateway's limit: 413) is
/// the caller's error, not the service's. The status-code-pages middleware writes either as problem details.
/// </summary>
public static class ProxyErrors
{
    public static async Task AsServiceUnavailable(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || error.Error is ForwarderError.RequestCanceled)
        {
            return;
        }

        context.Response.StatusCode = CallersFault(error.Exception) is { } status
            ? status
            : error.Error is ForwarderError.RequestBodyClient ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
    }

    private static int? CallersFault(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException badRequest)
            {
                return badRequest.StatusCode;
            }
        }

        return null;
    }
}
