namespace Platform.Security.Tests.Matrix;

/// <summary>What the policy table allows one role on one operation.</summary>
public enum Access
{
    /// <summary>403 (401 to a caller without a token).</summary>
    No,

    /// <summary>Allowed whatever authority or provider the caller acts for.</summary>
    Yes,

    /// <summary>Allowed for the caller's own authority or provider; 403 for another's.</summary>
    Own,

    /// <summary>Allowed, answered with the caller's own records only.</summary>
    Mine,

    /// <summary>Allowed on a record the caller made; another caller's is not found (404), its existence not told.</summary>
    Owner,
}

/// <summary>The table in <c>Matrix/access-policy.csv</c>: by operation, by role (and <c>anonymous</c>).</summary>
public sealed class AccessPolicy
{
    public const string Anonymous = "anonymous";

    private readonly Dictionary<string, Dictionary<string, Access>> _rows;

    private AccessPolicy(IReadOnlyList<string> callers, Dictionary<string, Dictionary<string, Access>> rows)
    {
        Callers = callers;
        _rows = rows;
    }

    /// <summary><c>anonymous</c> and the roles, in the table's order.</summary>
    public IReadOnlyList<string> Callers { get; }

    public IReadOnlyCollection<string> Operations => _rows.Keys;

    public static AccessPolicy Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var callers = lines[0].Split(',')[1..];
        var rows = new Dictionary<string, Dictionary<string, Access>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length != callers.Length + 1)
            {
                throw new FormatException($"'{line}' has {cells.Length - 1} cells for {callers.Length} callers.");
            }

            if (!rows.TryAdd(cells[0], callers.Zip(cells[1..]).ToDictionary(pair => pair.First, pair => Parse(pair.Second, cells[0]))))
            {
                throw new FormatException($"'{cells[0]}' is in the table twice.");
            }
        }

        return new AccessPolicy(callers, rows);
    }

    public bool Has(string operation) => _rows.ContainsKey(operation);

    public Access For(string operation, string caller) => _rows[operation][caller];

    /// <summary>The first role the table lets call the operation for its own authority (the fuzzer's caller), or null.</summary>
    public string? FirstAllowedRole(string operation) =>
        Callers.Where(caller => caller != Anonymous).FirstOrDefault(caller => For(operation, caller) != Access.No);

    private static Access Parse(string cell, string operation) => cell.Trim() switch
    {
        "no" => Access.No,
        "yes" => Access.Yes,
        "own" => Access.Own,
        "mine" => Access.Mine,
        "owner" => Access.Owner,
        _ => throw new FormatException($"'{cell}' in the row of {operation} is none of yes, own, mine, owner, no."),
    };
}
