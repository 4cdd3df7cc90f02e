using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>Reading rendered objects: by kind, by name, by path.</summary>
public static class Manifest
{
    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(item => item.Kind() == kind);

    public static JsonObject Single(this IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.OfKind(kind).SingleOrDefault(item => item.Name() == name) ?? throw new ShouldAssertException($"No {kind} {name} was rendered.");

    public static string Kind(this JsonObject item) => (string)item["kind"]!;

    public static string Name(this JsonObject item) => (string)item["metadata"]!["name"]!;

    public static string? Label(this JsonObject item, string label) => (string?)item["metadata"]?["labels"]?[label];

    /// <summary>The node at a path of property names and list indexes, or null.</summary>
    public static JsonNode? At(this JsonNode? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string property => node is JsonObject item ? item[property] : null,
                int index => node is JsonArray list && index < list.Count ? list[index] : null,
                _ => throw new ArgumentException($"A path step is a name or an index, not {step}."),
            };
        }

        return node;
    }

    public static IEnumerable<JsonObject> Items(this JsonNode? node) =>
        node is JsonArray list ? list.Select(item => item!.AsObject()) : [];

    public static JsonObject PodSpec(this JsonObject workload) => workload.At("spec", "template", "spec")!.AsObject();

    public static IEnumerable<JsonObject> Containers(this JsonObject workload) => workload.PodSpec()["containers"].Items();

    /// <summary>A container's environment variable: its value, or the secret it comes from.</summary>
    public static JsonObject? Env(this JsonObject container, string name) =>
        container["env"].Items().SingleOrDefault(variable => (string?)variable["name"] == name);

    public static IReadOnlyDictionary<string, string> MatchLabels(this JsonNode? selector) =>
        selector?["matchLabels"] is JsonObject labels ? labels.ToDictionary(pair => pair.Key, pair => (string)pair.Value!) : new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> PodLabels(this JsonObject workload) =>
        workload.At("spec", "template", "metadata", "labels") is JsonObject labels
            ? labels.ToDictionary(pair => pair.Key, pair => (string)pair.Value!)
            : new Dictionary<string, string>();
}
