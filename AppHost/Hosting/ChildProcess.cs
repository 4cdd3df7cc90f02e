using System.Diagnostics;

namespace Platform.AppHost.Hosting;

/// <summary>
/// A program the AppHost runs, in a process group of its own (through <c>setsid</c>), so that stopping
/// it reaches everything it started and a Ctrl+C in the terminal reaches only the AppHost, which then
/// stops the children in order.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int _stopSignal;
    private readonly Queue<string> _recentLines = new();

    private ChildProcess(Process process, int stopSignal)
    {
        _process = process;
        _stopSignal = stopSignal;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines it printed, to explain a failed start.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_recentLines)
            {
                return string.Join(Environment.NewLine, _recentLines);
            }
        }
    }

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        Action<string> log,
        int stopSignal = Posix.SigTerm)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, stopSignal);
        process.OutputDataReceived += (_, line) => child.OnLine(line.Data, log);
        process.ErrorDataReceived += (_, line) => child.OnLine(line.Data, log);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnLine(string? line, Action<string> log)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentLines)
        {
            _recentLines.Enqueue(line);
            while (_recentLines.Count > 40)
            {
                _recentLines.Dequeue();
            }
        }

        log(line);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Asks the whole group to stop with the program's own shutdown signal, waits, then kills what is
    /// left. Returns once no process of the group is alive.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!Posix.GroupIsAlive(Pid))
        {
            return;
        }

        Posix.SignalGroup(Pid, _stopSignal);
        var deadline = DateTime.UtcNow + grace;
        while (Posix.GroupIsAlive(Pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        if (Posix.GroupIsAlive(Pid))
        {
            Posix.SignalGroup(Pid, Posix.SigKill);
            while (Posix.GroupIsAlive(Pid))
            {
                await Task.Delay(20);
            }
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
