using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service in-process (WebApplicationFactory) on its own database and virtual host of the test
/// run's real PostgreSQL and RabbitMQ. Use it as a class fixture.
/// </summary>
public abstract class ServiceFactory<TProgram, TContext>(
    string service, DateTimeOffset? clockStartsAt = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
    where TContext : MessagingDbContext
{
    /// <summary>The service's clock, when the factory was given a start time: tests move it, deadlines pass without waiting.</summary>
    public MovableTime Clock { get; } = new(clockStartsAt ?? DateTimeOffset.UtcNow);

    public string DatabaseConnectionString { get; private set; } = "";

    public string BrokerConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        DatabaseConnectionString = servers.NewDatabase(service);
        BrokerConnectionString = await servers.NewVirtualHostAsync(service);
        // Starts the host: migrations run and the bus connects before the first test.
        _ = Services;
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{service}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", BrokerConnectionString);
        builder.UseSetting("Authentication:Authority", TestTokens.Issuer);
        builder.ConfigureTestServices(TestTokens.UseTestAuthority);
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (clockStartsAt is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>An HTTP client carrying a token for <paramref name="role"/> (and the authorities it acts for).</summary>
    public HttpClient ClientFor(string role, params string[] localAuthorities) => ClientAs($"test-{role}", role, localAuthorities);

    /// <summary>An HTTP client for a named person (the token's subject) in <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string subject, string role, params string[] localAuthorities)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(role, localAuthorities, subject: subject));
        return client;
    }

    /// <summary>An HTTP client for a provider organisation's own user.</summary>
    public HttpClient ClientForProvider(Guid providerId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(Roles.Provider, providerId: providerId.ToString(), subject: $"test-provider-{providerId}"));
        return client;
    }

    public HttpClient AnonymousClient() => CreateClient();

    /// <summary>Publishes an event on the service's broker, as another service would.</summary>
    public Task PublishAsync<TEvent>(TEvent message)
        where TEvent : IntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Runs a query on the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>
    /// Registers authorities with the service the way the registry does, by event, and waits until
    /// its directory holds them.
    /// </summary>
    public async Task RegisterAuthoritiesAsync(params (string Gss, string LaNumber, string Name)[] authorities)
    {
        foreach (var (gss, laNumber, name) in authorities)
        {
            await PublishAsync(new LocalAuthorityRegistered
            {
                OccurredAt = DateTimeOffset.UtcNow,
                LocalAuthority = gss,
                LaNumber = laNumber,
                Name = name,
                Region = "Test region",
            });
        }

        var codes = authorities.Select(authority => authority.Gss).ToList();
        await Eventually.TrueAsync(
            async () => await QueryAsync(db => db.Set<KnownLocalAuthority>().CountAsync(known => codes.Contains(known.Gss))) == codes.Count,
            because: "the service's directory to learn the authorities");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
