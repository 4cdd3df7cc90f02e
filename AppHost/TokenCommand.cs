using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary>
/// <c>./platform token --role ROLE [--la GSS]... [--provider ID] [--subject NAME]</c>: a token from the running
/// platform's identity service (<c>--identity URL</c>, by default the port <c>./platform up</c> gives it).
/// </summary>
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

        Guid? providerId = null;
        if (Option(args, "--provider") is { } provider)
        {
            if (!Guid.TryParse(provider, out var id))
            {
                Console.Error.WriteLine("--provider is a provider's id (a GUID).");
                return 2;
            }

            providerId = id;
        }

        var authorities = args.Select((arg, index) => (arg, index)).Where(pair => pair.arg == "--la" && pair.index + 1 < args.Length)
            .Select(pair => args[pair.index + 1]).ToList();
        var dataDirectory = Option(args, "--data-dir") ?? Path.Combine(Directory.GetCurrentDirectory(), ".platform");
        var identity = new Uri(Option(args, "--identity") ?? $"http://127.0.0.1:{new PlatformSettings().IdentityPort}");
        var subject = Option(args, "--subject") ?? string.Join('-', ["dev", role, .. authorities]);
        using var client = new DevelopmentIdentity(identity, DevelopmentSecrets.LoadOrCreate(dataDirectory));
        try
        {
            Console.WriteLine(client.TokenForAsync(subject, role, authorities, providerId).GetAwaiter().GetResult());
            return 0;
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Console.Error.WriteLine($"No token from {identity}: {exception.Message} (is the platform up? ./platform up)");
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
