using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>What a browser is told about an answer: the site's own policy once, whoever made the answer.</summary>
[Collection(nameof(Secured))]
public sealed class SecurityHeadersTests(SecuredPlatform secured)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private RunningPlatform Platform => secured.Platform;

    [Fact]
    public async Task A_service_answer_through_the_gateway_carries_the_gateways_headers_once_and_directly_its_own()
    {
        using var client = Platform.Client(Roles.Dfe);
        const string Path = "/api/providers/local-authorities?pageSize=1";

        using var proxied = await client.GetAsync(new Uri(Platform.Gateway, Path));
        proxied.EnsureSuccessStatusCode();
        var policy = proxied.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        policy.ShouldContain("script-src 'self'", customMessage: "the gateway's policy, for its pages");
        policy.ShouldNotBe(ApiPolicy);
        proxied.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        proxied.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        proxied.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("no-referrer");
        proxied.Headers.GetValues("X-Correlation-Id").ShouldHaveSingleItem();
        proxied.Headers.Contains("Server").ShouldBeFalse("no answer names the server software");

        using var direct = await client.GetAsync(new Uri(Platform.UrlOf("providers"), Path));
        direct.EnsureSuccessStatusCode();
        direct.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldBe(ApiPolicy);
        direct.Headers.Contains("Server").ShouldBeFalse();
    }
}
