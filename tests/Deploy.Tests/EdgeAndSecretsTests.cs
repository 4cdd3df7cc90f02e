namespace Platform.Deploy.Tests;

/// <summary>TLS at the ingress, secrets only from the external store, telemetry to the collector, one namespace.</summary>
[Collection(nameof(Deployment))]
public sealed class EdgeAndSecretsTests(RenderedOverlays overlays)
{
    /// <summary>Secrets the operators write themselves (the broker's default user).</summary>
    private static readonly string[] OperatorSecrets = ["rabbitmq-default-user"];

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void The_ingress_sends_only_to_the_gateway_over_TLS_with_a_certificate_from_cert_manager(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var ingress = objects.OfKind("Ingress").ShouldHaveSingleItem();
        var backends = ingress.At("spec", "rules").Items().SelectMany(rule => rule.At("http", "paths").Items())
            .Select(path => (string?)path.At("backend", "service", "name")).Distinct().ToList();
        backends.ShouldBe(["gateway"]);

        var hosts = ingress.At("spec", "rules").Items().Select(rule => (string?)rule["host"]).ToList();
        var tls = ingress.At("spec", "tls", 0)!;
        tls["hosts"]!.AsArray().Select(host => (string?)host).ShouldBe(hosts);
        var certificate = objects.Single("Certificate", (string)tls["secretName"]!);
        certificate.At("spec", "dnsNames")!.AsArray().Select(host => (string?)host).ShouldBe(hosts);
        ((string?)certificate.At("spec", "secretName")).ShouldBe((string?)tls["secretName"]);
        ((string?)certificate.At("spec", "issuerRef", "name")).ShouldNotBeNullOrWhiteSpace();
        objects.OfKind("Service").ShouldAllBe(service => (string?)service.At("spec", "type") == null || (string?)service.At("spec", "type") == "ClusterIP");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_secret_comes_from_the_external_store_and_none_is_in_the_repository(string overlay)
    {
        var objects = overlays.Objects(overlay);
        objects.OfKind("Secret").ShouldBeEmpty();
        var fromStore = objects.OfKind("ExternalSecret").Select(secret => (string?)secret.At("spec", "target", "name") ?? secret.Name()).ToHashSet();
        fromStore.ShouldNotBeEmpty();

        var referenced = objects.Where(item => item.Kind() is "Deployment" or "Job")
            .SelectMany(workload => workload.Containers())
            .SelectMany(container => container["env"].Items())
            .Select(variable => (string?)variable.At("valueFrom", "secretKeyRef", "name"))
            .Concat(objects.OfKind("Cluster").SelectMany(cluster => cluster.At("spec", "managed", "roles").Items().Select(role => (string?)role.At("passwordSecret", "name"))))
            .Concat(objects.OfKind("TriggerAuthentication").SelectMany(auth => auth.At("spec", "secretTargetRef").Items().Select(target => (string?)target["name"])))
            .OfType<string>()
            .ToHashSet();

        referenced.ShouldNotBeEmpty();
        foreach (var secret in referenced)
        {
            (fromStore.Contains(secret) || OperatorSecrets.Contains(secret)).ShouldBeTrue($"{secret} comes from no ExternalSecret");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_workload_sends_telemetry_to_the_platforms_collector(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var collector = objects.OfKind("OpenTelemetryCollector").ShouldHaveSingleItem();
        var endpoint = new Uri((string)objects.Single("ConfigMap", "platform-settings").At("data", "OTEL_EXPORTER_OTLP_ENDPOINT")!);
        endpoint.Host.ShouldBe($"{collector.Name()}-collector");
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            deployment.Containers().Single()["envFrom"].Items().Select(source => (string?)source.At("configMapRef", "name")).ShouldContain("platform-settings", deployment.Name());
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_object_is_in_the_overlays_namespace(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var @namespace = objects.OfKind("Namespace").ShouldHaveSingleItem().Name();
        ((string?)objects.OfKind("Namespace").Single().Label("pod-security.kubernetes.io/enforce")).ShouldBe("restricted");
        foreach (var item in objects.Where(item => item.Kind() != "Namespace"))
        {
            ((string?)item.At("metadata", "namespace")).ShouldBe(@namespace, $"{item.Kind()} {item.Name()}");
        }
    }

    [Fact]
    public void Production_trusts_an_outside_authority_over_HTTPS_and_development_the_platforms_own()
    {
        string Setting(string overlay, string key) => (string)overlays.Objects(overlay).Single("ConfigMap", "platform-settings").At("data", key)!;

        new Uri(Setting("production", "Authentication__Authority")).Scheme.ShouldBe("https");
        Setting("production", "Authentication__RequireHttpsMetadata").ShouldBe("true");
        new Uri(Setting("development", "Authentication__Authority")).Host.ShouldBe(Workloads.Identity);
    }
}
