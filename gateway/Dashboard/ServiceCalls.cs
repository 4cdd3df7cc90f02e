using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway.Dashboard;

/// <summary>One part of a dashboard answer: the data, or why it is not there.</summary>
public sealed record Section(string Status, JsonElement? Data, string? Reason)
{
    public const string Available = "available";
    public const string Unavailable = "unavailable";

    /// <summary>The service answered: there is nothing of this kind (no case, no returns yet).</summary>
    public const string None = "none";

    public static Section Of(JsonElement data) => new(Available, data, null);

    public static Section Empty(string reason) => new(None, null, reason);

    public static Section Missing(string reason) => new(Unavailable, null, reason);
}

/// <summary>The outcome of one call to a service: a section, or a refusal to pass on to the caller.</summary>
public sealed record ServiceAnswer(Section Section, HttpStatusCode? Refusal);

/// <summary>
/// Calls the services on the caller's behalf (their token and correlation id), each call bounded by a
/// timeout, so one slow or stopped service makes its section unavailable instead of failing the page.
/// </summary>
public sealed class ServiceCalls(IHttpClientFactory clients, IHttpContextAccessor accessor, IConfiguration configuration)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<ServiceAnswer> GetAsync(string service, string pathAndQuery, CancellationToken cancellationToken)
    {
        var address = configuration[$"services:{service}:http:0"];
        if (string.IsNullOrEmpty(address))
        {
            return new ServiceAnswer(Section.Missing($"{service} is not configured."), null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(address), pathAndQuery));
        var context = accessor.HttpContext!;
        if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
        }

        if (CorrelationIdMiddleware.Of(context) is { } correlationId)
        {
            request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.Header, correlationId);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await clients.CreateClient("services").SendAsync(request, timeout.Token);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                return new ServiceAnswer(Section.Missing($"{service} answered {(int)response.StatusCode}."), response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new ServiceAnswer(Section.Missing($"{service} answered {(int)response.StatusCode}."), null);
            }

            var data = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            return new ServiceAnswer(Section.Of(data), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServiceAnswer(Section.Missing($"{service} did not answer within {Timeout.TotalSeconds:0} s."), null);
        }
        catch (HttpRequestException exception)
        {
            return new ServiceAnswer(Section.Missing($"{service} is unavailable ({exception.HttpRequestError})."), null);
        }
    }
}
