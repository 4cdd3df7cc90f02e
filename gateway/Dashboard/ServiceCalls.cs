using System.Net;
using System.Text.Json;
using Platform.ServiceDefaults.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

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
/// Calls the services on the caller's behalf (their token and correlation id) through the
/// <see cref="HttpClientName"/> client: addresses from service discovery, each call bounded by the standard
/// resilience handler's timeouts (see <c>Program.cs</c>), so one slow or stopped service makes its section
/// unavailable instead of failing the page.
/// </summary>
public sealed class ServiceCalls(IHttpClientFactory clients, IHttpContextAccessor accessor)
{
    public const string HttpClientName = "services";

    /// <summary>How long one attempt at a service may take before its section is given up.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How many items the gateway asks for at once when it reads a whole list.</summary>
    public const int ListPageSize = 500;

    /// <summary>
    /// Every item of a paged list (<c>{items, page, pageSize, total}</c>), page after page, as one JSON
    /// array; the first page that fails makes the section what that failure makes it.
    /// </summary>
    public async Task<ServiceAnswer> GetAllPagesAsync(string service, string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var page = 1; ; page++)
        {
            var answer = await GetAsync(service, $"{path}{separator}page={page}&pageSize={ListPageSize}", cancellationToken);
            if (answer.Section.Data is not { } data)
            {
                return answer;
            }

            var pageItems = data.GetProperty("items");
            var total = data.GetProperty("total").GetInt32();
            if (page == 1 && pageItems.GetArrayLength() >= total)
            {
                // The whole list in one page (the dashboards' summaries are): used as it came, not copied.
                return new ServiceAnswer(Section.Of(pageItems), null);
            }

            items.AddRange(pageItems.EnumerateArray());
            if (pageItems.GetArrayLength() == 0 || items.Count >= total)
            {
                return new ServiceAnswer(Section.Of(JsonSerializer.SerializeToElement(items)), null);
            }
        }
    }

    public async Task<ServiceAnswer> GetAsync(string service, string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{service}{pathAndQuery}"));
        var context = accessor.HttpContext!;
        if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
        }

        if (CorrelationIdMiddleware.Of(context) is { } correlationId)
        {
            request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.Header, correlationId);
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                return new ServiceAnswer(Section.Missing($"{service} answered {(int)response.StatusCode}."), response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new ServiceAnswer(Section.Missing($"{service} answered {(int)response.StatusCode}."), null);
            }

            // Read whole, then parsed once: reading a JsonElement from the stream scans the body twice (once
            // to find where the value ends, once to parse it), a good part of a dashboard's time in the gateway.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var data = JsonSerializer.Deserialize<JsonElement>(body);
            return new ServiceAnswer(Section.Of(data), null);
        }
        catch (TimeoutRejectedException)
        {
            return new ServiceAnswer(Section.Missing($"{service} did not answer within {AttemptTimeout.TotalSeconds:0} s."), null);
        }
        catch (BrokenCircuitException)
        {
            return new ServiceAnswer(Section.Missing($"{service} is unavailable (failing; tried again shortly)."), null);
        }
        catch (HttpRequestException exception)
        {
            return new ServiceAnswer(Section.Missing($"{service} is unavailable ({exception.HttpRequestError})."), null);
        }
    }
}
