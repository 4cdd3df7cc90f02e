using System.Text.Json;

namespace Platform.Security.Tests.Matrix;

/// <summary>The well-formed bodies of <c>Matrix/request-samples.json</c>, by operation (and "operation as role" where a role sends another).</summary>
public sealed class RequestSamples
{
    private readonly JsonElement _samples;

    private RequestSamples(JsonElement samples) => _samples = samples;

    public static RequestSamples Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public JsonElement? For(string operation, string? role = null) =>
        role is not null && _samples.TryGetProperty($"{operation} as {role}", out var own) ? own
        : _samples.TryGetProperty(operation, out var sample) && sample.ValueKind != JsonValueKind.Null ? sample
        : null;
}
