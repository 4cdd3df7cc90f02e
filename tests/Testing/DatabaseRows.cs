using Npgsql;

namespace Platform.Testing;

/// <summary>What a service's database holds, read directly: counts before and after, ids to compare.</summary>
public static class DatabaseRows
{
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

    /// <summary>The rows of every table of the database, by table: what "nothing stored" is checked against.</summary>
    /// <param name="pooled">Whether to take a pooled connection (many counts, no restart of the database in between).</param>
    public static async Task<IReadOnlyDictionary<string, long>> TableCountsAsync(string connectionString, bool pooled = false)
    {
        await using var connection = pooled ? new NpgsqlConnection(connectionString) : await OpenAsync(connectionString);
        if (pooled)
        {
            await connection.OpenAsync();
        }

        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (tables.Count == 0)
        {
            return counts;
        }

        // The table names come from the catalogue, quoted by quote_ident.
        await using var count = new NpgsqlCommand(string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t.Replace("'", "''", StringComparison.Ordinal)}', count(*) FROM {t}")), connection);
        await using var rows = await count.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            counts[rows.GetString(0)] = rows.GetInt64(1);
        }

        return counts;
    }

    /// <summary>A connection of its own each time: pooled ones would not survive the database's restart.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
