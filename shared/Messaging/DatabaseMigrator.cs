using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// Applies pending EF Core migrations (creating the database if needed) before the service takes traffic,
/// in the host's "starting" phase: before any hosted service starts, the framework's own among them (data
/// protection reads its keys from the database as it starts). Replicas that start together take turns:
/// the migration runs under a PostgreSQL advisory lock held by one replica at a time, and the others find
/// nothing left to apply.
/// Where a deployment migrates before its rollout instead (a Kubernetes Job running the service's migration
/// bundle), <c>Database:MigrateAtStart=false</c>: the replica then only waits until nothing is pending, so it
/// never serves, nor consumes, against an older schema.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopeFactory, IConfiguration configuration, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedLifecycleService
    where TContext : DbContext
{
    public const string MigrateAtStartKey = "Database:MigrateAtStart";

    private static readonly TimeSpan PendingPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Any fixed number: the lock is per database.</summary>
    private const long MigrationLock = 0x706c6174666f726d; // "platform"

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!configuration.GetValue(MigrateAtStartKey, defaultValue: true))
        {
            await WaitUntilMigratedAsync(db, cancellationToken);
            return;
        }

        await EnsureCreatedDatabaseAsync(db, cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        var commandTimeout = db.Database.GetCommandTimeout();
        var locked = false;
        try
        {
            // A replica waits its turn for as long as the one migrating takes (minutes on a crowded machine),
            // not the command timeout: a replica that gave up would crash and start again from the queue's end.
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            locked = true;
            db.Database.SetCommandTimeout(commandTimeout);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            // Released whatever happened: pooled connections are not reset when they go back (see AddServiceDatabase).
            if (locked)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The session is gone, and the server released its lock with it.
                }
            }

            db.Database.SetCommandTimeout(commandTimeout);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WaitUntilMigratedAsync(TContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            logger.LogWarning("Waiting for the migration job: {Count} migration(s) of {Context} not applied yet, the first {Migration}", pending.Count, typeof(TContext).Name, pending[0]);
            await Task.Delay(PendingPollInterval, cancellationToken);
        }
    }

    /// <summary>The database itself (the app host creates it; an existing server may not have it yet).</summary>
    private static async Task EnsureCreatedDatabaseAsync(TContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it first.
        }
    }
}
