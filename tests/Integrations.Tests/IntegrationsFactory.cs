using System.Net.Http.Headers;
using Platform.Integrations.Data;
using Platform.ServiceDefaults.Auth;

namespace Platform.Integrations.Tests;

/// <summary>The Integrations service in-process, with integrators' clients.</summary>
public abstract class IntegrationsHost(IReadOnlyDictionary<string, string>? settings = null, DateTimeOffset? clockStartsAt = null)
    : ServiceFactory<Program, IntegrationsDbContext>("integrations", clockStartsAt, settings)
{
    /// <summary>An integrator's client whose token grants these authorities and event types (none of a kind: all of it).</summary>
    public HttpClient Integrator(IEnumerable<string>? localAuthorities = null, IEnumerable<string>? eventTypes = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(Roles.Integrator, localAuthorities, subject: "integrator-test", eventTypes: eventTypes));
        return client;
    }
}

public sealed class IntegrationsFactory() : IntegrationsHost();
