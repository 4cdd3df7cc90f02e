using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Platform.Messaging;

namespace Platform.Integrations.Documentation;

/// <summary>
/// A JSON Schema for each event's data, made from the event's own type with the options it is written
/// with, so the schema cannot drift from what is sent; and an example made from the schema.
/// </summary>
public static class EventSchemas
{
    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) =>
        {
            // Events only gain fields within a version: a reader must not refuse one it does not know.
            if (schema is JsonObject node && context.TypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && context.PropertyInfo is null)
            {
                node["additionalProperties"] = true;
            }

            return schema;
        },
    };

    /// <summary>The events' own serializer options, with the reflection resolver they use made explicit (the exporter needs one set).</summary>
    private static readonly JsonSerializerOptions Options = new(EventJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static JsonNode SchemaOf(Type eventType) => Options.GetJsonSchemaAsNode(eventType, Exporter);

    /// <summary>An instance of the schema, its values of each field's kind (a GSS code where an authority is named).</summary>
    public static JsonNode? ExampleOf(JsonNode schema, string? name = null)
    {
        var types = schema["type"] switch
        {
            JsonArray many => many.Select(type => type!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var format = schema["format"]?.GetValue<string>();
        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            return choices.FirstOrDefault(choice => choice is not null)?.DeepClone();
        }

        if (types.Contains("object") && schema["properties"] is JsonObject properties)
        {
            var example = new JsonObject();
            foreach (var (property, propertySchema) in properties)
            {
                example[property] = propertySchema is null ? null : ExampleOf(propertySchema, property);
            }

            return example;
        }

        if (types.Contains("array"))
        {
            var item = schema["items"] is { } items ? ExampleOf(items, name) : null;
            return item is null ? new JsonArray() : new JsonArray(item);
        }

        // A number the web defaults also read from text is typed ["string", "integer"]: the example is the number.
        var type = new[] { "integer", "number", "boolean", "string" }.FirstOrDefault(types.Contains);
        return type switch
        {
            "string" when format == "uuid" => "9f3c2a51-7d4e-4b8a-9c61-2e5f0a8d7b14",
            "string" when format == "date" => "2026-11-02",
            "string" when format == "date-time" => "2026-11-02T09:30:00+00:00",
            "string" when name is not null && (name.Contains("authorit", StringComparison.OrdinalIgnoreCase) || name is "successors" or "statisticalNeighbours") => "E08000025",
            "string" => name ?? "text",
            "integer" => 1,
            "number" => 1.5,
            "boolean" => false,
            _ => null,
        };
    }
}
