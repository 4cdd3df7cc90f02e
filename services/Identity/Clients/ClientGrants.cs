using System.Text.Json;
using OpenIddict.Abstractions;

namespace Platform.Identity.Clients;

/// <summary>
/// What an integrator's client may see, kept with the client and copied into its tokens: authorities and
/// event types, none of a kind meaning all of it (a client kept before event types were granted has all).
/// </summary>
public sealed record ClientGrants(string Role, IReadOnlyList<string> LocalAuthorities, IReadOnlyList<string>? EventTypes = null)
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
