using System.Diagnostics;

namespace Platform.Testing;

/// <summary>A program run to its end: what it printed and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    public CommandResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed ({ExitCode}):\n{Errors}\n{Output}");
}

public static class Command
{
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output, await errors);
    }
}
