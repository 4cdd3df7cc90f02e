using System.Globalization;

namespace Platform.Testing;

/// <summary>The local TCP ports a process and the processes under it hold, read from <c>/proc</c> (Linux).</summary>
public static class ProcessSockets
{
    public static IReadOnlySet<int> LocalPortsOf(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in WithDescendants(pid))
        {
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{process}/fd"))
                {
                    if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        inodes.Add(target["socket:[".Length..^1]);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Ended meanwhile.
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && inodes.Contains(columns[9]))
                {
                    ports.Add(int.Parse(columns[1][(columns[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }

    private static IEnumerable<int> WithDescendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var child) && ParentOf(child) is { } parent)
            {
                (parents.TryGetValue(parent, out var children) ? children : parents[parent] = []).Add(child);
            }
        }

        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            foreach (var child in parents.GetValueOrDefault(next) ?? [])
            {
                pending.Push(child);
            }
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // pid (comm) state ppid ...: the command may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
