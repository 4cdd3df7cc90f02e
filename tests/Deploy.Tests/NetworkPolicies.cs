using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>A pod somewhere: its namespace's labels and its own.</summary>
public sealed record Peer(string Namespace, IReadOnlyDictionary<string, string> NamespaceLabels, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Kubernetes' rules for whether a connection is allowed, over the rendered NetworkPolicies: a pod that no
/// policy of a direction selects allows everything that way; one that some policy selects allows only what
/// one of those policies' rules names (peer and port).
/// </summary>
public sealed class NetworkPolicies(IReadOnlyList<JsonObject> policies, string @namespace)
{
    public bool Allows(Peer from, Peer to, int port) =>
        AllowedBy(to, "Ingress", "ingress", "from", from, port) && AllowedBy(from, "Egress", "egress", "to", to, port);

    private bool AllowedBy(Peer subject, string direction, string rulesField, string peersField, Peer other, int port)
    {
        var applying = policies
            .Where(policy => subject.Namespace == @namespace && SelectorMatches(policy.At("spec", "podSelector"), subject.Labels))
            .Where(policy => policy.At("spec", "policyTypes")!.AsArray().Any(type => (string?)type == direction))
            .ToList();
        if (applying.Count == 0)
        {
            return true;
        }

        return applying.SelectMany(policy => policy.At("spec", rulesField).Items()).Any(rule =>
            PortMatches(rule["ports"], port) && (rule[peersField] is not JsonArray peers || peers.Items().Any(peer => PeerMatches(peer, other))));
    }

    private bool PeerMatches(JsonObject peer, Peer other)
    {
        if (peer["ipBlock"] is JsonObject)
        {
            // Pods are reached inside the cluster's private ranges, which every ipBlock here excepts.
            return false;
        }

        var namespaceMatches = peer["namespaceSelector"] is JsonObject namespaceSelector
            ? SelectorMatches(namespaceSelector, other.NamespaceLabels)
            : other.Namespace == @namespace;
        var podMatches = peer["podSelector"] is not JsonObject podSelector || SelectorMatches(podSelector, other.Labels);
        return namespaceMatches && podMatches;
    }

    private static bool PortMatches(JsonNode? ports, int port) =>
        ports is not JsonArray list || list.Items().Any(entry => entry["port"] is null || (int?)entry["port"] == port);

    private static bool SelectorMatches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject)
        {
            return true;
        }

        var matchLabels = selector.MatchLabels().All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
        var matchExpressions = selector["matchExpressions"].Items().All(expression =>
        {
            var key = (string)expression["key"]!;
            var values = expression["values"] is JsonArray list ? list.Select(value => (string?)value).ToHashSet() : [];
            return (string?)expression["operator"] switch
            {
                "In" => labels.TryGetValue(key, out var value) && values.Contains(value),
                "NotIn" => !labels.TryGetValue(key, out var value) || !values.Contains(value),
                "Exists" => labels.ContainsKey(key),
                "DoesNotExist" => !labels.ContainsKey(key),
                var other => throw new ShouldAssertException($"Unknown selector operator {other}."),
            };
        });
        return matchLabels && matchExpressions;
    }
}
