using k8s;
using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>
/// The API server refuses a field it does not know (strict field validation, kubectl's default); the
/// published schemas allow any. Every core object is read into the Kubernetes client's own model, refusing
/// any field the model does not have.
/// </summary>
[Collection(nameof(Deployment))]
public sealed class StrictFieldTests(RenderedOverlays overlays)
{
    private static readonly Dictionary<string, Type> CoreModels = new(StringComparer.Ordinal)
    {
        ["v1 Namespace"] = typeof(V1Namespace),
        ["v1 ConfigMap"] = typeof(V1ConfigMap),
        ["v1 Service"] = typeof(V1Service),
        ["apps/v1 Deployment"] = typeof(V1Deployment),
        ["batch/v1 Job"] = typeof(V1Job),
        ["policy/v1 PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["autoscaling/v2 HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
        ["networking.k8s.io/v1 NetworkPolicy"] = typeof(V1NetworkPolicy),
        ["networking.k8s.io/v1 Ingress"] = typeof(V1Ingress),
    };

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Every_core_object_has_only_fields_Kubernetes_knows(string overlay)
    {
        var core = Documents(overlays.Yaml(overlay)).Where(document => !IsCustomResource(document)).ToList();

        core.ShouldNotBeEmpty();
        var failures = core.Select(Refusal).OfType<string>().ToList();
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Fact]
    public void A_misspelt_field_is_refused()
    {
        const string Misspelt = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: misspelt
            spec:
              selector:
                matchLabels:
                  app: x
              template:
                spec:
                  containers:
                    - name: app
                      image: x
                      imagePullPolicyy: Always
            """;

        Refusal(Misspelt).ShouldNotBeNull().ShouldContain("imagePullPolicyy");
    }

    private static string? Refusal(string document)
    {
        var header = KubernetesYaml.Deserialize<KubernetesObject>(document);
        var key = $"{header.ApiVersion} {header.Kind}";
        if (!CoreModels.TryGetValue(key, out var model))
        {
            return $"{key}: no model to check it against";
        }

        try
        {
            typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
                .MakeGenericMethod(model).Invoke(null, [document, true]);
            return null;
        }
        catch (System.Reflection.TargetInvocationException exception)
        {
            return $"{key}: {exception.InnerException?.Message}";
        }
    }

    private static bool IsCustomResource(string document)
    {
        var header = KubernetesYaml.Deserialize<KubernetesObject>(document);
        return header.ApiVersion.Contains('.', StringComparison.Ordinal) && !header.ApiVersion.StartsWith("networking.k8s.io/", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Documents(string yaml) =>
        yaml.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries).Where(document => !string.IsNullOrWhiteSpace(document));
}
