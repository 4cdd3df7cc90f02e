using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;
using Platform.Workforce.Data;

namespace Platform.Workforce.Tests;

/// <summary>
/// Where a deployment migrates in a job before its rollout (Database:MigrateAtStart=false), a replica does
/// not migrate: it waits, not serving, until the job has applied every migration, then starts.
/// </summary>
public sealed class MigrationJobTests
{
    [Fact]
    public async Task A_replica_that_does_not_migrate_waits_for_the_job_and_then_starts()
    {
        var servers = await TestServers.GetAsync();
        var connectionString = servers.NewDatabase("migration_job");
        using var replica = Replica(connectionString);

        var starting = replica.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        starting.IsCompleted.ShouldBeFalse("the replica started against a database with no schema");

        // What the job's migration bundle does: every migration of the service's context, under EF Core's lock.
        await using (var job = new WorkforceDbContext(new DbContextOptionsBuilder<WorkforceDbContext>()
            .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await job.Database.MigrateAsync();
        }

        await starting.WaitAsync(TimeSpan.FromSeconds(20));
        await replica.StopAsync();
    }

    [Fact]
    public async Task A_replica_that_migrates_at_start_makes_the_schema_itself()
    {
        var servers = await TestServers.GetAsync();
        var connectionString = servers.NewDatabase("migrate_at_start");
        using var replica = Replica(connectionString, migrateAtStart: true);

        await replica.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await using var scope = replica.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        await replica.StopAsync();
    }

    /// <summary>The service's database wiring alone (no web server, no broker), as a replica starts it.</summary>
    private static IHost Replica(string connectionString, bool migrateAtStart = false)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:workforce"] = connectionString,
            [DatabaseMigrator<WorkforceDbContext>.MigrateAtStartKey] = migrateAtStart ? "true" : "false",
        });
        builder.AddServiceDatabase<WorkforceDbContext>("workforce");
        return builder.Build();
    }
}
