using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests;

/// <summary>Each workload's shape: its Deployment and Service, probes, sizes, an unprivileged read-only container, replicas and disruption budgets, scaling.</summary>
[Collection(nameof(Deployment))]
public sealed class WorkloadTests(RenderedOverlays overlays)
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void The_gateway_every_service_and_integrations_have_a_deployment_and_a_service(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var expected = Workloads.In(overlay);

        expected.ShouldContain("gateway");
        expected.ShouldContain("integrations");
        objects.OfKind("Deployment").Select(item => item.Name()).Order(StringComparer.Ordinal).ShouldBe(expected);
        foreach (var name in expected)
        {
            var service = objects.Single("Service", name);
            service.At("spec", "selector").MatchLabelsOrSelf().ShouldBe(objects.Single("Deployment", name).At("spec", "selector").MatchLabels());
            ((string?)service.At("spec", "type") ?? "ClusterIP").ShouldBe("ClusterIP", $"{name} is reached through the gateway only");
        }

        (overlay == "development").ShouldBe(objects.OfKind("Deployment").Any(item => item.Name() == Workloads.Identity));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_container_is_probed_sized_unprivileged_and_read_only(string overlay)
    {
        foreach (var workload in overlays.Objects(overlay).Where(item => item.Kind() is "Deployment" or "Job"))
        {
            var pod = workload.PodSpec();
            ((bool?)pod.At("securityContext", "runAsNonRoot")).ShouldBe(true, workload.Name());
            foreach (var container in workload.Containers())
            {
                var where = $"{workload.Kind()} {workload.Name()}, container {container["name"]}";
                ((bool?)container.At("securityContext", "readOnlyRootFilesystem")).ShouldBe(true, where);
                ((bool?)container.At("securityContext", "allowPrivilegeEscalation")).ShouldBe(false, where);
                container.At("securityContext", "capabilities", "drop")!.AsArray().Select(node => (string?)node).ShouldContain("ALL", where);
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    container.At("resources", "requests", resource).ShouldNotBeNull($"{where}: requests {resource}");
                    container.At("resources", "limits", resource).ShouldNotBeNull($"{where}: limits {resource}");
                }

                if (workload.Kind() == "Deployment")
                {
                    ((string?)container.At("livenessProbe", "httpGet", "path")).ShouldBe("/alive", where);
                    ((string?)container.At("readinessProbe", "httpGet", "path")).ShouldBe("/health", where);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_image_is_the_projects_own_from_the_overlays_registry_at_a_fixed_tag(string overlay)
    {
        foreach (var workload in overlays.Objects(overlay).Where(item => item.Kind() is "Deployment" or "Job"))
        {
            foreach (var container in workload.Containers())
            {
                var image = (string)container["image"]!;
                var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
                repository.ShouldContain("/platform/", Case.Sensitive, $"{workload.Name()}: {image}");
                Workloads.All.ShouldContain(repository[(repository.LastIndexOf('/') + 1)..], $"{workload.Name()}: {image}");
                tag.ShouldNotBeNullOrWhiteSpace(image);
                tag.ShouldNotBe("latest");
                repository.Contains(':', StringComparison.Ordinal).ShouldBeFalse($"{image} names one tag");
            }
        }
    }

    [Fact]
    public void In_production_every_workload_runs_at_least_two_replicas_with_a_disruption_budget()
    {
        var objects = overlays.Objects("production");
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            ((int?)deployment.At("spec", "replicas") ?? 1).ShouldBeGreaterThanOrEqualTo(2, deployment.Name());
            var budgets = objects.OfKind("PodDisruptionBudget").Where(budget => Selects(budget.At("spec", "selector").MatchLabels(), deployment.PodLabels())).ToList();
            budgets.Count.ShouldBe(1, $"{deployment.Name()} has one disruption budget");
            ((int?)budgets[0].At("spec", "minAvailable")).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(1);
        }

        foreach (var scaler in objects.OfKind("HorizontalPodAutoscaler"))
        {
            ((int)scaler.At("spec", "minReplicas")!).ShouldBeGreaterThanOrEqualTo(2, scaler.Name());
        }

        foreach (var scaler in objects.OfKind("ScaledObject"))
        {
            ((int)scaler.At("spec", "minReplicaCount")!).ShouldBeGreaterThanOrEqualTo(2, scaler.Name());
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Each_workload_scales_on_CPU_and_each_consumer_also_on_its_queues(string overlay)
    {
        var objects = overlays.Objects(overlay);
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var name = deployment.Name();
            var autoscalers = objects.OfKind("HorizontalPodAutoscaler").Where(scaler => (string?)scaler.At("spec", "scaleTargetRef", "name") == name).ToList();
            var scaledObjects = objects.OfKind("ScaledObject").Where(scaler => (string?)scaler.At("spec", "scaleTargetRef", "name") == name).ToList();
            (autoscalers.Count + scaledObjects.Count).ShouldBe(1, $"{name} is scaled by one scaler");

            var consumer = deployment.Containers().Any(container => container.Env("ConnectionStrings__rabbitmq") is not null);
            if (consumer)
            {
                scaledObjects.Count.ShouldBe(1, $"{name} consumes events: KEDA scales it on its queues");
                var triggers = scaledObjects[0].At("spec", "triggers").Items().ToList();
                triggers.Select(trigger => (string?)trigger["type"]).ShouldBe(["cpu", "rabbitmq"], ignoreOrder: true);
                var queue = triggers.Single(trigger => (string?)trigger["type"] == "rabbitmq");
                ((string?)queue.At("metadata", "queueName")).ShouldNotBeNull().ShouldStartWith($"^{name}-");
            }
            else
            {
                autoscalers.Count.ShouldBe(1, $"{name} scales on CPU");
                ((string?)autoscalers[0].At("spec", "metrics", 0, "resource", "name")).ShouldBe("cpu");
            }
        }
    }

    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

internal static class ServiceSelector
{
    /// <summary>A Service's selector is the labels themselves, not a label selector.</summary>
    public static IReadOnlyDictionary<string, string> MatchLabelsOrSelf(this JsonNode? selector) =>
        selector is JsonObject labels ? labels.ToDictionary(pair => pair.Key, pair => (string)pair.Value!) : new Dictionary<string, string>();
}
