using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Edge;

/// <summary>
/// A service's answer comes with security headers of its own (an API's policy), which the proxy adds to
/// the gateway's: the browser would get two policies and both would apply. The gateway is the site the
/// browser sees, so once an answer's headers are copied its own replace them.
/// </summary>
public static class ProxiedSecurityHeaders
{
    public static void AddTo(TransformBuilderContext route)
    {
        var options = route.Services.GetRequiredService<IOptions<SecurityHeadersOptions>>();
        route.AddResponseTransform(answer =>
        {
            SecurityHeaders.Apply(answer.HttpContext, options.Value);
            return ValueTask.CompletedTask;
        });
    }
}
