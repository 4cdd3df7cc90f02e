namespace Platform.Integrations.Tests;

/// <summary>Integrations delivering to loopback over http (as in development), retrying within a few seconds.</summary>
public sealed class WebhookFactory() : IntegrationsHost(new Dictionary<string, string>
{
    ["Integrations:Webhooks:AllowLoopback"] = "true",
    ["Integrations:Webhooks:RequireHttps"] = "false",
    ["Integrations:Webhooks:FirstRetryDelay"] = "00:00:00.100",
    ["Integrations:Webhooks:MaxRetryDelay"] = "00:00:00.400",
    ["Integrations:Webhooks:RetryFor"] = "00:00:06",
    ["Integrations:Webhooks:PollInterval"] = "00:00:00.100",
    ["Integrations:Webhooks:Timeout"] = "00:00:03",
});
