using System.Net.Http.Headers;

namespace Platform.Testing;

/// <summary>Puts a bearer token on every request, fetching it (once, by the token source's own caching) when first needed.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> token) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await token(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
