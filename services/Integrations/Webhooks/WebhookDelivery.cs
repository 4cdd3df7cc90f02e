using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Platform.Integrations.Webhooks;

/// <summary>The answer to one delivery: taken (2xx), gone (410: the subscription ends), or failed and to be retried.</summary>
public sealed record DeliveryOutcome(bool Taken, bool Gone, int? StatusCode, string? Error, TimeSpan Took);

/// <summary>Sends one event to one subscriber, per Standard Webhooks: the CloudEvent as the body, its id as <c>webhook-id</c>, signed.</summary>
public sealed class WebhookDelivery(IHttpClientFactory clients, TimeProvider time)
{
    public const string ContentType = "application/cloudevents+json";

    public async Task<DeliveryOutcome> SendAsync(WebhookSubscription subscription, Guid eventId, string document, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messageId = eventId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(document, Encoding.UTF8, ContentType),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Signature(subscription.SigningSecrets(now), messageId, now, document));

        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(WebhookTargets.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new DeliveryOutcome(
                response.IsSuccessStatusCode,
                response.StatusCode == HttpStatusCode.Gone,
                status,
                response.IsSuccessStatusCode ? null : $"The receiver answered {status} {response.ReasonPhrase}.",
                stopwatch.Elapsed);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or WebhookTargetRefusedException && !cancellationToken.IsCancellationRequested)
        {
            var reason = exception is TaskCanceledException ? "The receiver did not answer in time." : Innermost(exception).Message;
            return new DeliveryOutcome(false, false, null, reason, stopwatch.Elapsed);
        }
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null && current is not WebhookTargetRefusedException)
        {
            current = current.InnerException;
        }

        return current;
    }
}
