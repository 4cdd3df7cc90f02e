using System.Text.Json;
using OpenIddict.Abstractions;

namespace Platform.Identity.Clients;

/// <summary>What an integrator's client may see, kept with the client and copied into its tokens.</summary>
public sealed record ClientGrants(string Role, IReadOnlyList<string> LocalAuthorities)
{
    private const string Property = "platform_grants";

    public void WriteTo(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.Properties[Property] = JsonSerializer.SerializeToElement(this);

    public static async Task<ClientGrants?> ReadAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(Property, out var grants) ? grants.Deserialize<ClientGrants>() : null;
    }
}
