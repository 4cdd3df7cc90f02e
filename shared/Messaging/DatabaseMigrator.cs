using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Messaging;

/// <summary>
/// Applies pending EF Core migrations (creating the database if needed) before the service takes traffic,
/// in the host's "starting" phase: before any hosted service starts, the framework's own among them (data
/// protection reads its keys from the database as it starts). Replicas that start together take turns:
/// the migration runs under a PostgreSQL advisory lock held by one replica at a time, and the others find
/// nothing left to apply.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopeFactory) : IHostedLifecycleService
    where TContext : DbContext
{
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
        await EnsureCreatedDatabaseAsync(db, cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        var commandTimeout = db.Database.GetCommandTimeout();
        try
        {
            // A replica waits its turn for as long as the one migrating takes (minutes on a crowded machine),
            // not the command timeout: a replica that gave up would crash and start again from the queue's end.
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            db.Database.SetCommandTimeout(commandTimeout);
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(commandTimeout);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
