using System.Runtime.InteropServices;
using Platform.AppHost.Hosting;
using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary><c>up</c> starts the platform; <c>token</c> prints a development token.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        null or "up" => await UpAsync(args.Skip(1).ToArray()),
        "token" => Token(args.Skip(1).ToArray()),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: AppHost [up] [--gateway-port N] [--data-dir DIR] [--local-authorities FILE]
                   AppHost token --role ROLE [--la GSS]... [--provider ID]
            """);
        return 2;
    }

    private static async Task<int> UpAsync(string[] args)
    {
        var options = new DistributedApplicationOptions
        {
            ExternalPostgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres"),
            ExternalRabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq"),
        };
        if (Option(args, "--gateway-port") is { } port)
        {
            options.GatewayPort = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Option(args, "--data-dir") is { } dataDirectory)
        {
            options.DataDirectory = Path.GetFullPath(dataDirectory);
        }

        DevelopmentSecrets.LoadOrCreate(options.DataDirectory).ApplyTo(options.ProjectEnvironment);
        await using var app = PlatformGraph.Declare(options, Option(args, "--local-authorities")).Build();

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });

        try
        {
            await app.StartAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"The platform did not start: {exception.Message}");
            return 1;
        }

        PrintSummary(app);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("Stopping...");
        await app.StopAsync();
        Console.WriteLine("Stopped.");
        return 0;
    }

    private static void PrintSummary(DistributedApplication app)
    {
        Console.WriteLine();
        Console.WriteLine($"All healthy after {app.StartupTime.TotalSeconds:0.0} s.");
        Console.WriteLine($"  {"resource",-14} {"pid",-8} url");
        foreach (var resource in app.Resources.Where(resource => resource.ProcessIds.Count > 0 || resource.Url is not null))
        {
            Console.WriteLine($"  {resource.Name,-14} {string.Join(',', resource.ProcessIds),-8} {resource.Url ?? string.Join(", ", resource.Ports.Select(p => $"127.0.0.1:{p}"))}");
        }

        var gateway = app.UrlOf("gateway");
        Console.WriteLine();
        Console.WriteLine($"Gateway: {gateway}   OpenAPI: {gateway}/openapi/<service>.json   Tokens: ./platform token --role dfe");
        Console.WriteLine("Ctrl+C stops everything.");
    }

    private static int Token(string[] args)
    {
        var role = Option(args, "--role");
        if (role is null || !Roles.All.Contains(role))
        {
            Console.Error.WriteLine($"--role is required: one of {string.Join(", ", Roles.All)}.");
            return 2;
        }

        var authorities = args.Select((arg, index) => (arg, index)).Where(pair => pair.arg == "--la" && pair.index + 1 < args.Length)
            .Select(pair => args[pair.index + 1]).ToList();
        var settings = DevelopmentSecrets.LoadOrCreate(new DistributedApplicationOptions().DataDirectory);
        Console.WriteLine(DevelopmentTokens.Create(settings, role, authorities, Option(args, "--provider")));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
