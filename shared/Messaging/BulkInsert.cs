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
        if (NothingToWrite(db, entities))
        {
            return;
        }

        var (entityType, table) = TableOf<TEntity>(db);
        var columns = Columns(entityType, table, entityType.GetProperties().Where(p => p.GetValueGenerationStrategy() == NpgsqlValueGenerationStrategy.None)).ToList();
        await CopyRowsAsync(db, table.Name, columns, entities, cancellationToken);
    }

    /// <summary>Whether there are no rows to write; refuses to write any outside a transaction, where they would commit apart from the rest of the change.</summary>
    internal static bool NothingToWrite<TEntity>(DbContext db, IReadOnlyCollection<TEntity> entities) =>
        entities.Count == 0 || (db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("Write in bulk inside a transaction, so the rows commit with the rest of the change.")
            : false);

    internal sealed record Column(string Name, string StoreType, Func<object, object?> Read);

    internal static (IEntityType EntityType, StoreObjectIdentifier Table) TableOf<TEntity>(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        return (entityType, StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema()));
    }

    /// <summary>Writes one row per entity into <paramref name="table"/>'s <paramref name="columns"/> with binary COPY.</summary>
    internal static async Task CopyRowsAsync<TEntity>(DbContext db, string table, IReadOnlyList<Column> columns, IEnumerable<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(column => Quote(column.Name)))}) FROM STDIN (FORMAT BINARY)";
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

    /// <summary>The columns of <paramref name="properties"/> and of every complex property, each read from an entity and converted as EF Core would.</summary>
    internal static IEnumerable<Column> Columns(IEntityType entityType, StoreObjectIdentifier table, IEnumerable<IProperty> properties)
    {
        foreach (var property in properties)
        {
            yield return ColumnOf(property, table);
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

    /// <summary>The column of a property of the entity itself.</summary>
    internal static Column ColumnOf(IProperty property, StoreObjectIdentifier table) =>
        ColumnOf(property, table, entity => property.GetGetter().GetClrValue(entity));

    internal static Column ColumnOf(IProperty property, StoreObjectIdentifier table, Func<object, object?> read)
    {
        var converter = property.GetTypeMapping().Converter;
        var storeType = property.GetColumnType();
        return new Column(
            property.GetColumnName(table)!,
            storeType,
            entity => read(entity) is { } value ? converter is null ? value : converter.ConvertToProvider(value) : null);
    }

    internal static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
