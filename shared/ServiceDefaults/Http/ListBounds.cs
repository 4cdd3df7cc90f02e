using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>A list in a request body longer than any list the platform keeps.</summary>
public sealed class ListTooLongException(string field, int count)
    : JsonException($"'{field}' holds at most {ListBounds.MaxItems} items (it held {count}).")
{
    public string Field { get; } = field;
}

/// <summary>
/// Every list a request body gives (scopes, KPIs, figures, authorities...) holds at most <see cref="MaxItems"/>
/// items, checked as each object is read: a longer one is a 400 naming the field, before any handler
/// builds a thousand rows from it.
/// </summary>
public static class ListBounds
{
    /// <summary>Above the longest list any request holds: an integrator's grant of every authority (153).</summary>
    public const int MaxItems = 200;

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = typeInfo.Properties
            .Where(property => property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.Get is not null)
            .ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var earlier = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = read =>
        {
            earlier?.Invoke(read);
            foreach (var list in lists)
            {
                if (list.Get!(read) is ICollection { Count: > MaxItems } items)
                {
                    throw new ListTooLongException(list.Name, items.Count);
                }
            }
        };
    }
}
