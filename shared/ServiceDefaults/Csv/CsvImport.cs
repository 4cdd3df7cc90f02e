using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Platform.ServiceDefaults.Csv;

/// <summary>A row an import refused, by its line in the file (1 is the header), with the reason.</summary>
public sealed record CsvRowError(int Line, string Reason);

/// <summary>A row an import accepted but read differently from what it says (an old authority code, say), with why.</summary>
public sealed record CsvRowNote(int Line, string Note);

/// <summary>
/// How every import reads a CSV file: fields trimmed, short rows tolerated (each importer says what a
/// missing value means), the header checked for the columns the layout needs, and a row with a stray
/// quote refused on its own line (never read as a value, never merged with the rows after it).
/// </summary>
public static class CsvImport
{
    public static CsvReader Open(TextReader text) => new(text, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        MissingFieldFound = null,
        // Stray quotes are found by Rows, which refuses the row they stand in.
        BadDataFound = null,
    });

    /// <summary>
    /// Each data row's line, and why it cannot be read when it cannot: a quote inside an unquoted value
    /// or after a quoted one, or a quote left open so that the row would swallow the lines after it.
    /// </summary>
    public static IEnumerable<(int Line, string? Malformed)> Rows(CsvReader csv)
    {
        var previousEnd = csv.Parser.RawRow;
        while (csv.Read())
        {
            var line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            var raw = csv.Parser.RawRecord.TrimEnd('\r', '\n');
            var physicalLines = raw.Count(character => character == '\n') + 1;
            if (physicalLines > 1)
            {
                yield return (line, $"A quote opened on line {line} is not closed on it: lines {line} to {line + physicalLines - 1} are refused, not read as one row.");
            }
            else if (HasStrayQuote(raw))
            {
                yield return (line, "A quote stands where no quoted value can (inside an unquoted value, or after a quoted one): the row is refused.");
            }
            else
            {
                yield return (line, null);
            }
        }
    }

    /// <summary>Whether one line breaks RFC 4180's quoting: a value is quoted whole, with its quotes doubled, or holds none.</summary>
    public static bool HasStrayQuote(string line)
    {
        var atFieldStart = true;
        var quoted = false;
        var afterClosingQuote = false;
        for (var i = 0; i < line.Length; i++)
        {
            var character = line[i];
            if (quoted)
            {
                if (character == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                }
            }
            else if (character == ',')
            {
                atFieldStart = true;
                afterClosingQuote = false;
            }
            else if (character is ' ' or '\t')
            {
            }
            else if (character == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
            }
            else if (character == '"' || afterClosingQuote)
            {
                return true;
            }
            else
            {
                atFieldStart = false;
            }
        }

        return quoted;
    }

    /// <summary>Reads the header row; the error on line 1 when the file is empty or lacks a column.</summary>
    public static CsvRowError? ReadHeader(CsvReader csv, IEnumerable<string> requiredColumns)
    {
        if (!csv.Read() || !csv.ReadHeader())
        {
            return new CsvRowError(1, "The file is empty: expected a header row.");
        }

        var missing = requiredColumns.Where(column => !csv.HeaderRecord!.Contains(column, StringComparer.OrdinalIgnoreCase)).ToList();
        return missing.Count > 0 ? new CsvRowError(1, $"The header lacks the column(s) {string.Join(", ", missing)}.") : null;
    }

    /// <summary>
    /// Reads a reference list: each row by <paramref name="readRow"/> (a record or the reason it is
    /// refused), a key met twice refused on its second line.
    /// </summary>
    public static CsvRecords<T> ReadKeyed<T>(
        TextReader text, IReadOnlyList<string> columns, Func<CsvReader, (T? Record, string? Error)> readRow, Func<T, string> keyOf)
        where T : class
    {
        var records = new List<T>();
        var lines = new Dictionary<T, int>();
        var errors = new List<CsvRowError>();
        using var csv = Open(text);
        if (ReadHeader(csv, columns) is { } headerError)
        {
            errors.Add(headerError);
            return new CsvRecords<T>(records, lines, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, malformed) in Rows(csv))
        {
            var (record, error) = malformed is null ? readRow(csv) : (null, malformed);
            if (error is not null)
            {
                errors.Add(new CsvRowError(line, error));
            }
            else if (!seen.Add(keyOf(record!)))
            {
                errors.Add(new CsvRowError(line, $"'{keyOf(record!)}' appears more than once."));
            }
            else
            {
                records.Add(record!);
                lines[record!] = line;
            }
        }

        return new CsvRecords<T>(records, lines, errors);
    }
}

/// <summary>The rows read, each with its line (for refusals decided later), and the rows refused.</summary>
public sealed record CsvRecords<T>(IReadOnlyList<T> Records, IReadOnlyDictionary<T, int> Lines, IReadOnlyList<CsvRowError> Errors)
    where T : notnull
{
    public int LineOf(T record) => Lines[record];
}
