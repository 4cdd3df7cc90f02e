namespace Platform.AppHost;

/// <summary>
/// The gateway admits a service after its own health probe, a moment after Aspire finds the service
/// healthy. Whoever says "ready" (the console, the test harness) first waits until the gateway routes to
/// every service, so the first request a person or a test sends is answered.
/// </summary>
public static class GatewayRouting
{
    /// <summary>The services the gateway does not yet route to once <paramref name="patience"/> has passed; none when it routes to all.</summary>
    public static async Task<IReadOnlyList<string>> WaitUntilRoutedAsync(Uri gateway, IEnumerable<string> services, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        var waiting = services.ToList();
        try
        {
            while (waiting.Count > 0)
            {
                foreach (var service in waiting.ToList())
                {
                    if (await RoutesAsync(client, service, deadline.Token))
                    {
                        waiting.Remove(service);
                    }
                }

                if (waiting.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return waiting;
    }

    /// <summary>The service's OpenAPI document comes through the gateway without a token: it is routed.</summary>
    private static async Task<bool> RoutesAsync(HttpClient client, string service, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync($"/openapi/{service}.json", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
