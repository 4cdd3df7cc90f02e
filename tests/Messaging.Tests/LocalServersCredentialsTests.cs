using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Tests;

/// <summary>The servers the app host runs sign clients in with the run's generated passwords: no trust login, no guest.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalServersCredentialsTests
{
    [Fact]
    public async Task PostgreSQL_refuses_its_owner_without_the_generated_password()
    {
        var servers = await TestServers.GetAsync();
        await using (var signedIn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await signedIn.OpenAsync();
        }

        var attempt = new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Database = "postgres", Password = "not-the-password", Pooling = false };
        await using var refused = new NpgsqlConnection(attempt.ConnectionString);
        var error = await Should.ThrowAsync<PostgresException>(() => refused.OpenAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InvalidPassword, "the server asked for a password and refused a wrong one: no trust login");
    }

    [Fact]
    public async Task RabbitMQ_has_no_guest_user()
    {
        var servers = await TestServers.GetAsync();
        var address = new Uri(servers.BrokerConnectionString);
        var guest = new ConnectionFactory { Uri = new UriBuilder(address) { UserName = "guest", Password = "guest" }.Uri };
        await Should.ThrowAsync<BrokerUnreachableException>(() => guest.CreateConnectionAsync());
    }

    [Fact]
    public async Task The_generated_secrets_are_readable_by_their_owner_alone()
    {
        var servers = await TestServers.GetAsync();
        var folder = Path.Combine(servers.DataDirectory, "secrets");
        File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = Directory.GetFiles(folder);
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(file => File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        File.GetUnixFileMode(Path.Combine(servers.DataDirectory, "rabbitmq", "rabbitmq.conf")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
