using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Messaging;

/// <summary>How events are stored in the outbox: the same conventions as the HTTP APIs.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
