using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Platform.Messaging;

/// <summary>
/// Writes back many changed rows of one entity type at once: their columns are copied (binary COPY)
/// into a temporary table and applied with one <c>UPDATE ... FROM</c>, inside the context's current
/// transaction. For a change that touches thousands of aggregates (a change of control at the top of a
/// large group), where SaveChanges would send one UPDATE per row. Every mapped column but the key is
/// written from the entity as it is now; a concurrency token (PostgreSQL's <c>xmin</c>) must still hold
/// the value the entity was read with, or <see cref="DbUpdateConcurrencyException"/> says another writer
/// came first and the transaction must roll back. Shadow properties (an owned entity's key to its owner) are not written.
/// The entities are not tracked.
/// </summary>
public static class BulkUpdate
{
    public static async Task UpdateAllAsync<TEntity>(this DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (BulkInsert.NothingToWrite(db, entities))
        {
            return;
        }

        var (entityType, table) = BulkInsert.TableOf<TEntity>(db);
        var key = entityType.FindPrimaryKey()?.Properties is [var single] ? single : throw new InvalidOperationException($"{entityType.DisplayName()} needs a single-column key.");
        var tokens = entityType.GetProperties().Where(p => p.IsConcurrencyToken && p.ValueGenerated != ValueGenerated.Never).ToList();
        var written = entityType.GetProperties().Where(p => p != key && !p.IsShadowProperty() && !tokens.Contains(p) && p.ValueGenerated == ValueGenerated.Never);
        var keyColumn = BulkInsert.ColumnOf(key, table);
        var values = BulkInsert.Columns(entityType, table, written).ToList();
        var held = tokens.Select(token => BulkInsert.ColumnOf(token, table) with { Name = $"held_{token.GetColumnName(table)}" }).ToList();

        var staging = $"bulk_update_{table.Name}";
        var stagedColumns = new[] { keyColumn }.Concat(values).Concat(held).ToList();
        // Every name below comes from the EF Core model, quoted; no value is spliced into the SQL.
        var definitions = stagedColumns.Select(column => $"{BulkInsert.Quote(column.Name)} {column.StoreType}");
        var createStaging = $"DROP TABLE IF EXISTS pg_temp.{BulkInsert.Quote(staging)}; CREATE TEMP TABLE {BulkInsert.Quote(staging)} ({string.Join(", ", definitions)}) ON COMMIT DROP";
        await db.Database.ExecuteSqlRawAsync(createStaging, cancellationToken);
        await BulkInsert.CopyRowsAsync(db, staging, stagedColumns, entities, cancellationToken);

        var assignments = values.Select(column => $"{BulkInsert.Quote(column.Name)} = staged.{BulkInsert.Quote(column.Name)}");
        var conditions = new[] { $"target.{BulkInsert.Quote(keyColumn.Name)} = staged.{BulkInsert.Quote(keyColumn.Name)}" }
            .Concat(tokens.Select(token => $"target.{BulkInsert.Quote(token.GetColumnName(table)!)} = staged.{BulkInsert.Quote($"held_{token.GetColumnName(table)}")}"));
        var update = $"UPDATE {BulkInsert.Quote(table.Name)} AS target SET {string.Join(", ", assignments)} FROM {BulkInsert.Quote(staging)} AS staged WHERE {string.Join(" AND ", conditions)}";
        var updated = await db.Database.ExecuteSqlRawAsync(update, cancellationToken);
        if (updated != entities.Count)
        {
            throw new DbUpdateConcurrencyException(
                $"{entities.Count - updated} of {entities.Count} {table.Name} rows had changed (or gone) since they were read: the change must not commit.");
        }
    }
}
