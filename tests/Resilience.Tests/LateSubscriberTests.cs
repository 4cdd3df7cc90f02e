using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace Platform.Resilience.Tests;

/// <summary>Contracts loses its database (a new deployment, a restore gone wrong) and learns again what was published before.</summary>
[Collection(nameof(Faults))]
public sealed class LateSubscriberTests(OnePlatform fixture, ITestOutputHelper output)
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task Contracts_database_dropped_and_the_service_restarted_knows_every_authority_and_provider_standing_again_within_30_s()
    {
        var surrey = Authorities.Counties[18];
        using var council = Platform.Client(Roles.Council, surrey.Gss);
        using var registrar = Platform.Client(Roles.Registrar);
        var organisations = new List<string>();
        foreach (var (name, type, number) in new[] { ("Surrey Children's Trust", "registered-charity", "1190001"), ("Surrey Care Ltd", "ltd", "12990001") })
        {
            var registered = await council.PostAsJsonAsync("/api/providers/organisations", new
            {
                name, type, companyNumber = type == "ltd" ? number : null, charityNumber = type == "ltd" ? null : number,
                scopes = new[] { "child-protection" }, council = surrey.Gss,
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            organisations.Add((await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        (await registrar.PostAsJsonAsync($"/api/providers/organisations/{organisations[0]}/decisions", new { scope = "child-protection", decision = "approve" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await registrar.PostAsJsonAsync($"/api/providers/organisations/{organisations[1]}/decisions",
            new { scope = "child-protection", decision = "reject", reason = "A profit-distributing company (P2)." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var contracts = await Platform.ConnectionStringAsync("contracts-db");
        const string Standings = "SELECT count(*) FROM provider_standings";
        const string Directory = "SELECT count(*) FROM known_local_authority";
        await Eventually.TrueAsync(async () => await DatabaseRows.CountAsync(contracts, Standings) >= 2, TimeSpan.FromSeconds(30), "Contracts to learn both standings");
        var (authorities, standings) = (await DatabaseRows.CountAsync(contracts, Directory), await DatabaseRows.CountAsync(contracts, Standings));
        authorities.ShouldBeGreaterThanOrEqualTo(fixture.Known.Count);

        await Platform.StopResourceAsync("contracts");
        var database = new NpgsqlConnectionStringBuilder(contracts).Database!;
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(contracts) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
            // Empty, as a new deployment or a restore from nothing gives it (the cluster's operator declares the
            // database and makes it again); the app host waits for the database to answer before it starts the service.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        var stopwatch = Stopwatch.StartNew();
        await Platform.StartResourceAsync("contracts");
        await Eventually.TrueAsync(async () =>
            {
                try
                {
                    return await DatabaseRows.CountAsync(contracts, Directory) == authorities && await DatabaseRows.CountAsync(contracts, Standings) == standings;
                }
                catch (PostgresException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30), "Contracts to learn every authority and standing again");
        output.WriteLine($"Contracts knew {authorities} authorities and {standings} provider standings again {stopwatch.Elapsed.TotalSeconds:0.0} s after its start command");

        // And acts on them: a contract with the refused company cannot be awarded (C2), with the approved charity it can.
        var charityContract = await council.PostAsJsonAsync("/api/contracts", Contract(surrey.Gss, organisations[0]));
        charityContract.StatusCode.ShouldBe(HttpStatusCode.Created, await charityContract.Content.ReadAsStringAsync());
        (await council.PostAsync($"{charityContract.Headers.Location}/award", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var companyContract = await council.PostAsJsonAsync("/api/contracts", Contract(surrey.Gss, organisations[1]));
        (await ProblemDocument.ReadAsync(await council.PostAsync($"{companyContract.Headers.Location}/award", null))).Rule.ShouldBe("C2");
    }

    private static object Contract(string localAuthority, string providerId) => new
    {
        localAuthority,
        providerId,
        title = "Child protection services",
        scopes = new[] { "child-protection" },
        value = 2_000_000m,
        startDate = "2026-04-01",
        endDate = "2029-03-31",
        kpis = new object[] { new { measure = "caseload", target = 18 } },
        reviewCadence = "quarterly",
    };
}
