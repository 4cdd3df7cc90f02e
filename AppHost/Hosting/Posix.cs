using System.Runtime.InteropServices;

namespace Platform.AppHost.Hosting;

/// <summary>The few POSIX calls process-group management needs and .NET does not expose.</summary>
public static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to every process in the group led by <paramref name="groupId"/>.</summary>
    public static void SignalGroup(int groupId, int signal) => Kill(-groupId, signal);

    public static void Signal(int pid, int signal) => Kill(pid, signal);

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 && !IsZombie(pid);

    /// <summary>Whether any process of the group is still alive.</summary>
    public static bool GroupIsAlive(int groupId) => ProcessesInGroup(groupId).Any(IsAlive);

    public static IReadOnlyList<int> ProcessesInGroup(int groupId) =>
        AllProcesses().Where(process => process.GroupId == groupId).Select(process => process.Pid).ToList();

    /// <summary>Every descendant of <paramref name="pid"/>, whatever group or session it moved to.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var byParent = AllProcesses().ToLookup(process => process.ParentId, process => process.Pid);
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            foreach (var child in byParent[current])
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    public static bool IsRoot => Environment.UserName == "root";

    private static bool IsZombie(int pid) => ReadStat(pid) is { State: 'Z' or 'X' };

    private static IEnumerable<ProcessStat> AllProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    private static ProcessStat? ReadStat(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessStat(pid, fields[0][0], int.Parse(fields[1]), int.Parse(fields[2]));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record ProcessStat(int Pid, char State, int ParentId, int GroupId);
}
