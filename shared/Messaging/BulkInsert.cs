using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Platform.Messaging;

/// <summary>
/// Inserts many new rows of one entity type with PostgreSQL's binary COPY, on the context's
/// connection and inside its current transaction, reading table, columns and value conversions from
/// the EF Core model. For imports of thousands of rows, where SaveChanges spends its time building
/// and running one INSERT per row. Store-generated columns (identities) are left to the database.
/// The entities are not tracked.
/// </summary>
public static class BulkInsert
{
    public static async Task CopyAsync<TEntity>(this DbContext db, IReadOnlyCollection<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Copy inside a transaction, so the rows commit with the rest of the change.");
        }

        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = Columns(entityType, table).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {Quote(table.Name)} ({string.Join(", ", columns.Select(column => Quote(column.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var entity in entities)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Read(entity);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, column.StoreType, cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private sealed record Column(string Name, string StoreType, Func<object, object?> Read);

    private static IEnumerable<Column> Columns(IEntityType entityType, StoreObjectIdentifier table)
    {
        foreach (var property in entityType.GetProperties().Where(p => p.GetValueGenerationStrategy() == NpgsqlValueGenerationStrategy.None))
        {
            yield return ColumnOf(property, table, entity => property.GetGetter().GetClrValue(entity));
        }

        foreach (var complex in entityType.GetComplexProperties())
        {
            var owner = complex.GetGetter();
            foreach (var property in complex.ComplexType.GetProperties())
            {
                yield return ColumnOf(property, table, entity => owner.GetClrValue(entity) is { } value ? property.GetGetter().GetClrValue(value) : null);
            }
        }
    }

    private static Column ColumnOf(IProperty property, StoreObjectIdentifier table, Func<object, object?> read)
    {
        var converter = property.GetTypeMapping().Converter;
        var storeType = property.GetColumnType();
        return new Column(
            property.GetColumnName(table)!,
            storeType,
            entity => read(entity) is { } value ? converter is null ? value : converter.ConvertToProvider(value) : null);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
