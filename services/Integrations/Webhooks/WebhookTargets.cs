using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Platform.Integrations.Webhooks;

/// <summary>
/// Where webhooks may go: never into the platform's own networks (server-side request forgery). Private,
/// loopback, link-local (the cloud metadata address among them), carrier-grade NAT, multicast and reserved
/// addresses are refused unless the allow-list names them. A target is checked when it is subscribed and
/// again at every connection, on the address actually connected to, so a name that later resolves
/// elsewhere (DNS rebinding) reaches nothing it should not.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _allowed =
    [
        .. options.Value.AllowedNetworks.Select(network => IPNetwork.Parse(network)),
        .. options.Value.AllowLoopback ? Loopback : [],
    ];

    /// <summary>Why the URL cannot be a target, or null when it can: a well-formed http(s) URL whose host resolves only to allowed addresses.</summary>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            return "'url' is an absolute http or https URL.";
        }

        if (target.UserInfo.Length > 0 || target.Fragment.Length > 0)
        {
            return "'url' carries no user name, password or fragment.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"'url': the host '{target.Host}' does not resolve.";
        }

        if (addresses.Length == 0)
        {
            return $"'url': the host '{target.Host}' has no address.";
        }

        if (addresses.FirstOrDefault(address => !IsAllowed(address)) is { } refused)
        {
            return $"'url' reaches {refused}, a private, loopback, link-local or reserved address: webhooks go to public addresses only.";
        }

        if (target.Scheme != Uri.UriSchemeHttps && options.Value.RequireHttps && !addresses.All(IsAllowListed))
        {
            return "'url' is an https URL.";
        }

        return null;
    }

    public bool IsAllowed(IPAddress address)
    {
        var checkedAddress = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IsAllowListed(checkedAddress) || !Refused.Any(network => network.Contains(checkedAddress));
    }

    private bool IsAllowListed(IPAddress address)
    {
        var checkedAddress = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _allowed.Any(network => network.Contains(checkedAddress));
    }

    /// <summary>The webhooks' handler: connects only to an allowed address of the target, follows no redirect, uses no proxy.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{host} resolves to {string.Join(", ", addresses.Select(address => address.ToString()))}: no public address to deliver to.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The target's addresses are all refused: the delivery is not sent.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
