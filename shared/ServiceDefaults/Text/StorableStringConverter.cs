using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Text;

/// <summary>
/// Reads every string of a request body, refusing one that holds what no text holds (<see cref="StorableText"/>):
/// the body's 400 names the field, before any handler looks the value up in its database.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string.");
        }

        var text = reader.GetString()!;
        return StorableText.FirstUnstorableAt(text) is { } position
            ? throw new JsonException($"The text holds a control character or an unpaired surrogate at position {position}.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
