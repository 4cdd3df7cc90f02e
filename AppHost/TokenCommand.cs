using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary><c>./platform token --role ROLE [--la GSS]... [--provider ID]</c>: a development token for the running platform.</summary>
public static class TokenCommand
{
    public static int Run(string[] args)
    {
        var role = Option(args, "--role");
        if (role is null || !Roles.All.Contains(role))
        {
            Console.Error.WriteLine($"--role is required: one of {string.Join(", ", Roles.All)}.");
            return 2;
        }

        var authorities = args.Select((arg, index) => (arg, index)).Where(pair => pair.arg == "--la" && pair.index + 1 < args.Length)
            .Select(pair => args[pair.index + 1]).ToList();
        var dataDirectory = Option(args, "--data-dir") ?? Path.Combine(Directory.GetCurrentDirectory(), ".platform");
        var settings = DevelopmentSecrets.LoadOrCreate(dataDirectory);
        Console.WriteLine(DevelopmentTokens.Create(settings, role, authorities, Option(args, "--provider")));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
