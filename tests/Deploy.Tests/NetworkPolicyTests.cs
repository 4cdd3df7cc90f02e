namespace Platform.Deploy.Tests;

/// <summary>
/// Who reaches whom under the rendered NetworkPolicies: from outside only the gateway; a service only from
/// the gateway; the database and the broker only from the services that use them.
/// </summary>
[Collection(nameof(Deployment))]
public sealed class NetworkPolicyTests(RenderedOverlays overlays)
{
    private const int Http = 8080;
    private const int Postgres = 5432;
    private const int Amqp = 5672;

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Everything_is_refused_both_ways_unless_a_policy_allows_it(string overlay)
    {
        overlays.Objects(overlay).OfKind("NetworkPolicy").ShouldContain(policy =>
            policy.At("spec", "podSelector").MatchLabels().Count == 0 && policy.At("spec", "podSelector", "matchExpressions") == null
            && policy.At("spec", "policyTypes")!.AsArray().Count == 2 && policy.At("spec", "ingress") == null && policy.At("spec", "egress") == null);
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void From_outside_only_the_gateway_is_reachable(string overlay)
    {
        var (policies, pods) = Cluster(overlay);
        var ingressController = Outside("ingress-nginx", new() { ["app.kubernetes.io/name"] = "ingress-nginx" });
        var elsewhere = Outside("elsewhere", new() { ["app"] = "anything" });

        policies.Allows(ingressController, pods["gateway"], Http).ShouldBeTrue();
        policies.Allows(elsewhere, pods["gateway"], Http).ShouldBeFalse();
        foreach (var (name, pod) in pods.Where(pair => pair.Key != "gateway"))
        {
            foreach (var port in new[] { Http, Postgres, Amqp, 15672, 4317 })
            {
                policies.Allows(ingressController, pod, port).ShouldBeFalse($"{name}:{port} from the ingress controller");
                policies.Allows(elsewhere, pod, port).ShouldBeFalse($"{name}:{port} from another namespace");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void A_service_is_reached_only_from_the_gateway_and_reaches_its_database_and_broker(string overlay)
    {
        var (policies, pods) = Cluster(overlay);
        var services = overlays.Objects(overlay).OfKind("Deployment").Where(item => item.Label("app.kubernetes.io/component") == "service").Select(item => item.Name()).ToList();
        services.ShouldContain("integrations");

        foreach (var service in services)
        {
            policies.Allows(pods["gateway"], pods[service], Http).ShouldBeTrue($"gateway -> {service}");
            foreach (var other in services.Where(other => other != service))
            {
                policies.Allows(pods[other], pods[service], Http).ShouldBeFalse($"{other} -> {service}");
            }

            policies.Allows(pods["postgres"], pods[service], Http).ShouldBeFalse($"postgres -> {service}");
            policies.Allows(pods["rabbitmq"], pods[service], Http).ShouldBeFalse($"rabbitmq -> {service}");
            policies.Allows(pods[service], pods["postgres"], Postgres).ShouldBeTrue($"{service} -> postgres");
            policies.Allows(pods[service], pods["rabbitmq"], Amqp).ShouldBeTrue($"{service} -> rabbitmq");
        }

        policies.Allows(pods["gateway"], pods["postgres"], Postgres).ShouldBeFalse("the gateway has no database");
        policies.Allows(pods["gateway"], pods["rabbitmq"], Amqp).ShouldBeFalse("the gateway has no broker");
        foreach (var name in pods.Keys.Where(name => name.EndsWith("-migrations", StringComparison.Ordinal)))
        {
            policies.Allows(pods[name], pods["postgres"], Postgres).ShouldBeTrue(name);
            policies.Allows(pods[name], pods["rabbitmq"], Amqp).ShouldBeFalse(name);
        }
    }

    private (NetworkPolicies Policies, Dictionary<string, Peer> Pods) Cluster(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var @namespace = objects.OfKind("Namespace").ShouldHaveSingleItem().Name();
        var namespaceLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = @namespace };
        var pods = objects.Where(item => item.Kind() is "Deployment" or "Job")
            .ToDictionary(item => item.Name(), item => new Peer(@namespace, namespaceLabels, item.PodLabels()));
        // The operators label their pods with the cluster's name.
        pods["postgres"] = new Peer(@namespace, namespaceLabels, new Dictionary<string, string> { ["cnpg.io/cluster"] = objects.OfKind("Cluster").Single().Name() });
        pods["rabbitmq"] = new Peer(@namespace, namespaceLabels, new Dictionary<string, string> { ["app.kubernetes.io/name"] = objects.OfKind("RabbitmqCluster").Single().Name() });
        pods["collector"] = new Peer(@namespace, namespaceLabels, new Dictionary<string, string> { ["app.kubernetes.io/name"] = $"{objects.OfKind("OpenTelemetryCollector").Single().Name()}-collector" });
        return (new NetworkPolicies(objects.OfKind("NetworkPolicy").ToList(), @namespace), pods);
    }

    private static Peer Outside(string @namespace, Dictionary<string, string> labels) =>
        new(@namespace, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = @namespace }, labels);
}
