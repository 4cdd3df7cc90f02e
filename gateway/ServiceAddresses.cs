using Microsoft.Extensions.Configuration.Memory;

namespace Platform.Gateway;

/// <summary>
/// Feeds YARP's cluster destinations from the Aspire-style service addresses
/// (<c>services__inspections__http__0=http://127.0.0.1:5101</c>), so no address is written in the
/// gateway's own configuration.
/// </summary>
public static class ServiceAddresses
{
    public static IConfigurationBuilder AddServiceDestinations(this IConfigurationManager configuration)
    {
        var destinations = new Dictionary<string, string?>();
        foreach (var service in configuration.GetSection("services").GetChildren())
        {
            foreach (var scheme in new[] { "https", "http" })
            {
                foreach (var address in service.GetSection(scheme).GetChildren())
                {
                    destinations[$"ReverseProxy:Clusters:{service.Key}:Destinations:{service.Key}-{scheme}-{address.Key}:Address"] = address.Value;
                }
            }
        }

        return configuration.Add(new MemoryConfigurationSource { InitialData = destinations });
    }
}
