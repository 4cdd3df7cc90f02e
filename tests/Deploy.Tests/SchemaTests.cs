using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>
/// Every rendered object is valid against its schema: Kubernetes' own for the core objects, each
/// operator's for its custom resources (Schemas/validate.mjs).
/// </summary>
[Collection(nameof(Deployment))]
public sealed class SchemaTests(RenderedOverlays overlays)
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public async Task Every_object_of_the_overlay_is_valid_against_its_schema(string overlay)
    {
        var results = await ValidateAsync(overlays.Yaml(overlay));

        results.Count.ShouldBe(overlays.Objects(overlay).Count);
        var failures = results.Where(result => result["errors"]!.AsArray().Count > 0).Select(result => result.ToJsonString()).ToList();
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_custom_resource_the_platform_needs_is_rendered(string overlay)
    {
        var kinds = overlays.Objects(overlay).Select(item => $"{item["apiVersion"]} {item.Kind()}").ToHashSet();

        string[] needed =
        [
            "rabbitmq.com/v1beta1 RabbitmqCluster", "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
            "postgresql.cnpg.io/v1 ScheduledBackup", "keda.sh/v1alpha1 ScaledObject", "keda.sh/v1alpha1 TriggerAuthentication",
            "cert-manager.io/v1 Certificate", "external-secrets.io/v1 ExternalSecret", "opentelemetry.io/v1beta1 OpenTelemetryCollector",
        ];
        foreach (var kind in needed)
        {
            kinds.ShouldContain(kind);
        }
    }

    [Fact]
    public async Task The_validator_refuses_what_breaks_a_schema_and_a_kind_it_has_no_schema_for()
    {
        const string Broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: words-for-numbers
            spec:
              replicas: two
              selector:
                matchLabels:
                  app: x
              template:
                spec:
                  containers:
                    - name: app
                      image: x
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: scales-nothing
            spec:
              triggers: []
            ---
            apiVersion: rabbitmq.com/v1beta1
            kind: RabbitmqCluster
            metadata:
              name: misspelt
            spec:
              replica: 3
            ---
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: too-many
            spec:
              instances: "three"
              storage:
                size: 1Gi
            ---
            apiVersion: example.invalid/v1
            kind: Unheard
            metadata:
              name: unknown
            """;

        var results = await ValidateAsync(Broken);

        results.Count.ShouldBe(5);
        string Errors(string name) => string.Join(' ', results.Single(result => (string?)result["name"] == name)["errors"]!.AsArray().Select(error => (string)error!));
        Errors("words-for-numbers").ShouldContain("replicas must be integer");
        Errors("scales-nothing").ShouldContain("scaleTargetRef");
        Errors("misspelt").ShouldContain("(replica)");
        Errors("too-many").ShouldContain("instances must be integer");
        Errors("unknown").ShouldContain("no schema is known");
    }

    private static async Task<IReadOnlyList<JsonObject>> ValidateAsync(string yaml)
    {
        var result = await Command.RunAsync("node", [Path.Combine(RenderedOverlays.SchemasDirectory, "validate.mjs")], input: yaml);
        result.Errors.ShouldBeEmpty();
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
    }
}
