using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
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
        // Pooled connections go back unreset, so the migration's lock must have been let go by the migrator
        // itself: otherwise a connection in the pool would hold it and the next replica would wait for ever.
        await using (var session = new NpgsqlConnection(connectionString))
        {
            await session.OpenAsync();
            await using var advisoryLocks = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", session);
            ((long)(await advisoryLocks.ExecuteScalarAsync())!).ShouldBe(0);
        }

        await replica.StopAsync();
    }

    /// <summary>Statements kept prepared and connections given back unreset, unless the connection string says otherwise.</summary>
    [Theory]
    [InlineData("Host=localhost;Database=unused;Username=nobody", true, 100)]
    [InlineData("Host=localhost;Database=unused;Username=nobody;No Reset On Close=false;Max Auto Prepare=5", false, 5)]
    [InlineData("Host=localhost;Database=unused;Username=nobody;NoResetOnClose=false;MaxAutoPrepare=0", false, 0)]
    public async Task The_service_database_tunes_its_connections_unless_told_otherwise(string configured, bool noResetOnClose, int maxAutoPrepare)
    {
        using var replica = Replica(configured);
        await using var scope = replica.Services.CreateAsyncScope();
        var connection = new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().Database.GetConnectionString());

        connection.NoResetOnClose.ShouldBe(noResetOnClose);
        connection.MaxAutoPrepare.ShouldBe(maxAutoPrepare);
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
