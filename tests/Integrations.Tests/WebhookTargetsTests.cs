using System.Net;
using Microsoft.Extensions.Options;
using Platform.Integrations.Webhooks;
using Platform.Testing.Webhooks;

namespace Platform.Integrations.Tests;

/// <summary>The server-side request forgery checks, with loopback not allowed (production's setting).</summary>
public sealed class WebhookTargetsTests
{
    private static readonly WebhookTargets Production = new(Options.Create(new WebhookOptions()));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.20.1.1")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("0.0.0.0")]
    public void Private_loopback_link_local_and_reserved_addresses_are_refused(string address) =>
        Production.IsAllowed(IPAddress.Parse(address)).ShouldBeFalse();

    [Theory]
    [InlineData("81.2.69.160")]
    [InlineData("2a00:1450:4009:81f::200e")]
    public void Public_addresses_are_allowed(string address) => Production.IsAllowed(IPAddress.Parse(address)).ShouldBeTrue();

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_subscribed_and_when_connected()
    {
        (await Production.RefusalAsync("https://localhost/hooks", CancellationToken.None)).ShouldNotBeNull();
        (await Production.RefusalAsync("http://81.2.69.160/hooks", CancellationToken.None)).ShouldBe("'url' is an https URL.");

        // The check at connection is on the address connected to: a name that resolves to loopback reaches nothing.
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(Production.Handler());
        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.PostAsync(receiver.Url.Replace("127.0.0.1", "localhost"), null));
        refused.InnerException.ShouldBeOfType<WebhookTargetRefusedException>();
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void An_allow_listed_network_is_allowed_although_private()
    {
        var allowing = new WebhookTargets(Options.Create(new WebhookOptions { AllowedNetworks = ["10.20.0.0/16"] }));
        allowing.IsAllowed(IPAddress.Parse("10.20.3.4")).ShouldBeTrue();
        allowing.IsAllowed(IPAddress.Parse("10.21.3.4")).ShouldBeFalse();
    }
}
