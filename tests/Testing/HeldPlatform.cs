using System.Runtime.InteropServices;

namespace Platform.Testing;

/// <summary>
/// A benchmark's platform kept up after its setup (<c>--hold</c>), for profiling it by hand under a load
/// generator: the token and the targets are written to a file beside the system's temporary files, and the
/// platform stays until the process is told to stop (Ctrl+C or SIGTERM), which then stops it cleanly.
/// </summary>
public static class HeldPlatform
{
    public static bool Requested(string[] args) => args.Contains("--hold");

    public static async Task HoldAsync(string name, string token, IReadOnlyDictionary<string, Uri> targets)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{name}-held.txt");
        await File.WriteAllLinesAsync(file, [token, .. targets.Select(pair => $"{pair.Key.Replace(' ', '-')} {pair.Value}")]);
        Console.WriteLine($"Holding; the token and targets are in {file}. Stop with Ctrl+C or SIGTERM.");
        using var stopping = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
