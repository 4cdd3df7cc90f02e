using System.Collections.Frozen;

namespace Platform.Messaging.Events;

/// <summary>Maps the stored name of an event (its type name) back to its type, for the outbox relay.</summary>
public static class IntegrationEventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(IntegrationEvent).Assembly
        .GetTypes()
        .Where(type => type is { IsAbstract: false } && type.IsSubclassOf(typeof(IntegrationEvent)))
        .ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    public static IEnumerable<Type> All => ByName.Values;

    public static string NameOf(Type eventType) => eventType.Name;

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"No integration event is named '{name}'.");
}
