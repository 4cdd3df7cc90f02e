using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>Every POST of the service honours <c>Idempotency-Key</c>; expired keys are deleted in the background.</summary>
    public static WebApplication UseIdempotentWrites<TContext>(this WebApplication app)
        where TContext : MessagingDbContext
    {
        app.UseMiddleware<IdempotencyMiddleware<TContext>>();
        return app;
    }

    public static IHostApplicationBuilder AddIdempotentWrites<TContext>(this IHostApplicationBuilder builder)
        where TContext : MessagingDbContext
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        return builder;
    }

    /// <summary>
    /// A transaction of the caller's own, or the one already open on the context (an idempotent request's),
    /// which then commits with it: code that needs a transaction works the same inside and outside one.
    /// </summary>
    public static async Task<JoinedTransaction> BeginOrJoinTransactionAsync(this DbContext db, CancellationToken cancellationToken) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);
}

/// <summary>Commits and ends only a transaction it began; one it joined belongs to whoever opened it.</summary>
public sealed class JoinedTransaction(IDbContextTransaction? owned) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
