using System.Globalization;
using System.Text;
using Npgsql;

namespace Platform.Bench.Intervention;

/// <summary>What the benchmarks share: options, the reference list of authorities, waiting, percentiles and small queries.</summary>
public static class BenchSupport
{
    /// <summary>
    /// The reference list (<c>--local-authorities FILE</c>, or <c>../shared/data/local-authorities.csv</c>
    /// beside the repository) and its authorities; null, with the reason written, when there is none.
    /// </summary>
    public static (string Path, List<(string Gss, string LaNumber, string Name)> Authorities)? Authorities(string[] args, string root)
    {
        var path = Option(args, "--local-authorities") ?? System.IO.Path.Combine(root, "..", "shared", "data", "local-authorities.csv");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"The reference list of authorities is needed: {path} does not exist (use --local-authorities FILE).");
            return null;
        }

        return (path, File.ReadLines(path).Skip(1).Select(SplitCsvLine).Select(fields => (fields[0], fields[1], fields[2])).ToList());
    }

    /// <summary>Splits one line of the reference list, where a quoted name may hold commas.</summary>
    public static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var character in line)
        {
            if (character == '"')
            {
                quoted = !quoted;
            }
            else if (character == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(character);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    public static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until what a load set off has been worked through: no event waiting in any service's outbox and
    /// no service's inbox still growing, three checks a second apart, then every table vacuumed and analyzed.
    /// Figures taken earlier would be of the platform digesting the load, not of the reads being measured.
    /// </summary>
    public static async Task WaitUntilSettledAsync(IReadOnlyList<string> serviceDatabases)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var (previous, quietChecks) = (-1L, 0);
        while (quietChecks < 3)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Gave up waiting for the services to work through their events.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            long waiting = 0, received = 0;
            foreach (var database in serviceDatabases)
            {
                waiting += await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND set_aside_at IS NULL");
                received += await CountAsync(database, "inbox_messages");
            }

            quietChecks = waiting == 0 && received == previous ? quietChecks + 1 : 0;
            previous = received;
        }

        // Autovacuum would analyze and vacuum the freshly loaded tables in its own time (a minute or so),
        // and until then plans are made without statistics: that is the platform still taking in the load.
        foreach (var database in serviceDatabases)
        {
            await VacuumAnalyzeAsync(database);
        }
    }

    /// <summary>What autovacuum does within a minute of a bulk load, done at once: dead rows cleared, statistics for the planner.</summary>
    public static async Task VacuumAnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 300 };
        await vacuum.ExecuteNonQueryAsync();
    }

    public static Task<long> CountAsync(string connectionString, string table) => ScalarAsync(connectionString, $"SELECT count(*) FROM {table}");

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> QueryListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
