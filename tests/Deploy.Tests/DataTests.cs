namespace Platform.Deploy.Tests;

/// <summary>The broker and the database, each service's own database and role, backups, and migrations run as jobs before a rollout.</summary>
[Collection(nameof(Deployment))]
public sealed class DataTests(RenderedOverlays overlays)
{
    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void RabbitMQ_runs_three_nodes_of_quorum_queues(string overlay)
    {
        var broker = overlays.Objects(overlay).OfKind("RabbitmqCluster").ShouldHaveSingleItem();

        ((int)broker.At("spec", "replicas")!).ShouldBe(3);
        ((string)broker.At("spec", "rabbitmq", "additionalConfig")!).Split('\n').Select(line => line.Trim()).ShouldContain("default_queue_type = quorum");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void PostgreSQL_runs_three_instances_with_a_database_and_role_for_each_service_and_nightly_backups(string overlay)
    {
        var objects = overlays.Objects(overlay);
        var cluster = objects.OfKind("Cluster").ShouldHaveSingleItem();
        ((int)cluster.At("spec", "instances")!).ShouldBe(3);

        var roles = cluster.At("spec", "managed", "roles").Items().ToDictionary(role => (string)role["name"]!);
        var databases = objects.OfKind("Database").ToDictionary(database => (string)database.At("spec", "name")!);
        foreach (var name in DatabaseUsers(overlay))
        {
            databases.ShouldContainKey(name);
            ((string?)databases[name].At("spec", "owner")).ShouldBe(name);
            ((string?)databases[name].At("spec", "cluster", "name")).ShouldBe(cluster.Name());
            roles.ShouldContainKey(name);
            ((bool?)roles[name]["login"]).ShouldBe(true);
            ((string?)roles[name].At("passwordSecret", "name")).ShouldBe($"{name}-database");
        }

        databases.Keys.Order(StringComparer.Ordinal).ShouldBe(DatabaseUsers(overlay).Order(StringComparer.Ordinal));
        ((string?)cluster.At("spec", "backup", "barmanObjectStore", "destinationPath")).ShouldNotBeNull().ShouldStartWith("s3://");
        var backup = objects.OfKind("ScheduledBackup").ShouldHaveSingleItem();
        ((string?)backup.At("spec", "cluster", "name")).ShouldBe(cluster.Name());
        ((string?)backup.At("spec", "method")).ShouldBe("barmanObjectStore");
        ((string?)backup.At("spec", "schedule")).ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(RenderedOverlays.Each), MemberType = typeof(RenderedOverlays))]
    public void Each_database_is_migrated_by_a_job_running_its_services_bundle_and_replicas_do_not_migrate(string overlay)
    {
        var objects = overlays.Objects(overlay);
        ((string?)objects.Single("ConfigMap", "platform-settings").At("data", "Database__MigrateAtStart")).ShouldBe("false");

        foreach (var name in DatabaseUsers(overlay))
        {
            var deployment = objects.Single("Deployment", name);
            var job = objects.Single("Job", $"{name}-migrations");
            job.Label("app.kubernetes.io/component").ShouldBe("migrations");
            var migrate = job.Containers().ShouldHaveSingleItem();
            ((string?)migrate["image"]).ShouldBe((string?)deployment.Containers().Single()["image"], $"{name}: the job migrates with the release it precedes");
            ((string?)migrate.At("command", 0)).ShouldBe("/app/efbundle");
            ((string?)migrate.At("args", 0)).ShouldBe("--connection");
            ((string?)migrate.At("args", 1)).ShouldBe($"$(ConnectionStrings__{name})");
            ((string?)migrate.Env($"ConnectionStrings__{name}").At("valueFrom", "secretKeyRef", "name"))
                .ShouldBe((string?)deployment.Containers().Single().Env($"ConnectionStrings__{name}").At("valueFrom", "secretKeyRef", "name"));
            ((string?)job.PodSpec()["restartPolicy"]).ShouldBe("Never");
        }
    }

    /// <summary>The workloads with a database: those given a connection string of their own name.</summary>
    private List<string> DatabaseUsers(string overlay) =>
        overlays.Objects(overlay).OfKind("Deployment")
            .Where(deployment => deployment.Containers().Any(container => container.Env($"ConnectionStrings__{deployment.Name()}") is not null))
            .Select(deployment => deployment.Name())
            .ToList() is { Count: > 0 } users ? users : throw new ShouldAssertException("No workload has a database.");
}
