using System.Text.Json;

namespace Platform.Security.Tests.Matrix;

/// <summary>One operation of a published OpenAPI document: where it is served and what it reads.</summary>
/// <param name="Service">The service that serves it (<c>gateway</c> for the gateway's own).</param>
/// <param name="Key">"METHOD /path/{template}", as the policy table and the samples name it.</param>
public sealed record ApiOperation(
    string Service,
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    string? BodyContentType,
    JsonElement? BodySchema,
    OpenApiDocument Document)
{
    public string Key => $"{Method} {Path}";

    public bool TakesCsv => BodyContentType == "text/csv";

    public bool HasBody => BodyContentType is not null;

    public override string ToString() => Key;
}

/// <param name="In">path, query or header.</param>
public sealed record ApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>A parsed OpenAPI document, for following its <c>$ref</c>s.</summary>
public sealed class OpenApiDocument(string service, JsonElement root)
{
    public string Service { get; } = service;

    /// <summary>The schema itself, its reference followed, and of a 3.1 union with null, the non-null part.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
                continue;
            }

            var union = schema.TryGetProperty("oneOf", out var oneOf) ? oneOf : schema.TryGetProperty("anyOf", out var anyOf) ? anyOf : default;
            if (union.ValueKind == JsonValueKind.Array)
            {
                var nonNull = union.EnumerateArray().FirstOrDefault(option => TypeOf(option) != "null");
                if (nonNull.ValueKind == JsonValueKind.Object)
                {
                    schema = nonNull;
                    continue;
                }
            }

            return schema;
        }

        throw new InvalidOperationException($"{Service}'s document has a reference that does not end.");
    }

    /// <summary>The schema's JSON type, its null alternative left out ("string", "integer", "object", ...), or null when it names none.</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("enum", out _) ? "string" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    public IEnumerable<ApiOperation> Operations()
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? Parameters(common).ToList() : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var operation = method.Value;
                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? Parameters(own) : []).ToList();
                string? contentType = null;
                JsonElement? body = null;
                if (operation.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var content))
                {
                    var chosen = content.EnumerateObject().OrderBy(c => c.Name == "application/json" ? 0 : 1).First();
                    contentType = chosen.Name;
                    body = chosen.Value.TryGetProperty("schema", out var schema) ? schema : null;
                }

                var template = path.Name.Length > 1 ? path.Name.TrimEnd('/') : path.Name;
                yield return new ApiOperation(Service, method.Name.ToUpperInvariant(), template, parameters, contentType, body, this);
            }
        }
    }

    private static IEnumerable<ApiParameter> Parameters(JsonElement list) =>
        list.EnumerateArray().Select(p => new ApiParameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("in").GetString()!,
            p.TryGetProperty("required", out var required) && required.GetBoolean(),
            p.TryGetProperty("schema", out var schema) ? schema : default));
}
