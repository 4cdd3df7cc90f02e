using System.Net.Http.Json;
using Npgsql;
using Platform.ServiceDefaults.Auth;

namespace Platform.Resilience.Tests;

/// <summary>
/// The whole platform, one instance of each service, with the tests' authorities loaded: the faults of
/// the resilience suite are done to its processes.
/// </summary>
public sealed class OnePlatform : IAsyncLifetime
{
    public static readonly string[] Services = ["inspections", "commissioners", "contracts", "workforce", "providers"];

    public RunningPlatform Platform { get; private set; } = null!;

    public IReadOnlyList<Authorities.Authority> Known { get; } = [.. Authorities.London, .. Authorities.Counties];

    public async Task InitializeAsync()
    {
        Platform = await RunningPlatform.StartAsync();
        await Platform.ImportAuthoritiesAsync(Authorities.Csv(Known), [.. Known.Select(authority => authority.Gss)]);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();

    public static async Task<long> CountAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<HashSet<Guid>> IdsAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>A connection of its own each time: pooled ones would not survive the database's restart.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>What every service's error queues and set-aside outbox rows hold, as the operator's endpoint reports it.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeadLettersAsync()
    {
        using var operatorClient = Platform.Client(Roles.Operator);
        var totals = new Dictionary<string, long>();
        foreach (var service in Services)
        {
            var report = await operatorClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/{service}/operations/dead-letters");
            totals[service] = report.GetProperty("total").GetInt64();
        }

        return totals;
    }
}

/// <summary>The resilience tests run one at a time: a fault done to a platform must not meet another test's.</summary>
[CollectionDefinition(nameof(Faults), DisableParallelization = true)]
public sealed class Faults : ICollectionFixture<OnePlatform>;
