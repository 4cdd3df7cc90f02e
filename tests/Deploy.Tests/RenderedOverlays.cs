using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests;

/// <summary>
/// Both overlays of <c>deploy/</c> rendered once with <c>kubectl kustomize</c>, as text and as objects, and
/// the schema tools (<c>Schemas/</c>, installed from npm) ready.
/// </summary>
public sealed partial class RenderedOverlays : IAsyncLifetime
{
    public static readonly string[] Names = ["development", "production"];

    /// <summary>Every overlay, for a theory run once per overlay.</summary>
    public static TheoryData<string> Each => [.. Names];

    private readonly Dictionary<string, string> _yaml = [];
    private readonly Dictionary<string, IReadOnlyList<JsonObject>> _objects = [];

    public static string Root { get; } = RepositoryLayout.FindRoot();

    public static string SchemasDirectory { get; } = Path.Combine(Root, "tests", "Deploy.Tests", "Schemas");

    public string Yaml(string overlay) => _yaml[overlay];

    public IReadOnlyList<JsonObject> Objects(string overlay) => _objects[overlay];

    public async Task InitializeAsync()
    {
        await RequireKustomizeAsync();
        if (!Directory.Exists(Path.Combine(SchemasDirectory, "node_modules")))
        {
            (await Command.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], SchemasDirectory)).EnsureSuccess("npm ci in tests/Deploy.Tests/Schemas");
        }

        foreach (var overlay in Names)
        {
            var rendered = (await Command.RunAsync("kubectl", ["kustomize", Path.Combine(Root, "deploy", "overlays", overlay)])).EnsureSuccess($"kubectl kustomize {overlay}");
            _yaml[overlay] = rendered.Output;
            _objects[overlay] = await ParseAsync(rendered.Output);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The objects of a YAML stream, with YAML's own types (numbers stay numbers).</summary>
    public static async Task<IReadOnlyList<JsonObject>> ParseAsync(string yaml)
    {
        var json = (await Command.RunAsync("node", [Path.Combine(SchemasDirectory, "to-json.mjs")], input: yaml)).EnsureSuccess("to-json.mjs");
        return JsonNode.Parse(json.Output)!.AsArray().Select(node => node!.AsObject()).ToList();
    }

    /// <summary>The overlays use kustomize 4's forms (directories in resources, patches with targets).</summary>
    private static async Task RequireKustomizeAsync()
    {
        CommandResult version;
        try
        {
            version = await Command.RunAsync("kubectl", ["version", "--client"]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("kubectl is not on PATH: ./platform test installs it.");
        }

        var kustomize = KustomizeVersion().Match(version.Output);
        kustomize.Success.ShouldBeTrue($"kubectl names no kustomize version:\n{version.Output}");
        int.Parse(kustomize.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(4, $"kubectl's kustomize is {kustomize.Value}; the overlays need version 4 or later (kubectl 1.21 or later)");
    }

    [GeneratedRegex(@"Kustomize Version: v(\d+)\.\d+")]
    private static partial Regex KustomizeVersion();
}

[CollectionDefinition(nameof(Deployment))]
public sealed class Deployment : ICollectionFixture<RenderedOverlays>;
