using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Integrations.EventLog;
using Platform.Messaging.Events;

namespace Platform.Integrations.Tests;

/// <summary>The AsyncAPI 3.0 document: every event's exchange and schema, the gateway's channels, and schemas that what is sent satisfies.</summary>
public sealed class AsyncApiTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private const string Somerset = "E06000066";

    [Fact]
    public async Task The_document_names_every_events_exchange_with_amqp_bindings_and_the_gateways_channels_and_says_v1_is_additive()
    {
        var response = await factory.AnonymousClient().GetAsync("/asyncapi.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        document["asyncapi"]!.GetValue<string>().ShouldBe("3.0.0");
        document["info"]!["description"]!.GetValue<string>().ShouldContain("additive only");

        foreach (var entry in EventCatalogue.All)
        {
            var channel = document["channels"]![entry.EventType.Name].ShouldNotBeNull(entry.EventType.Name);
            channel["address"]!.GetValue<string>().ShouldBe($"Platform.Messaging.Events:{entry.EventType.Name}");
            channel["bindings"]!["amqp"]!["exchange"]!["type"]!.GetValue<string>().ShouldBe("fanout");
            document["components"]!["schemas"]![entry.EventType.Name].ShouldNotBeNull();
            document["components"]!["messages"]![entry.EventType.Name]!["name"]!.GetValue<string>().ShouldBe(entry.CloudEventType);
            document["channels"]!["webhook"]!["messages"]![entry.EventType.Name].ShouldNotBeNull();
        }

        document["channels"]!["feed"]!["address"]!.GetValue<string>().ShouldBe("/api/integrations/events");
        document["channels"]!["stream"]!["address"]!.GetValue<string>().ShouldBe("/api/integrations/events/stream");
        document["servers"]!["broker"]!["protocolVersion"]!.GetValue<string>().ShouldBe("0-9-1");
    }

    [Fact]
    public async Task Every_example_and_every_event_the_log_sends_satisfy_their_schemas()
    {
        var document = JsonNode.Parse(await factory.AnonymousClient().GetStringAsync("/asyncapi.json"))!;
        foreach (var entry in EventCatalogue.All)
        {
            var schema = SchemaOf(document, entry.EventType.Name);
            var example = document["components"]!["messages"]![entry.EventType.Name]!["examples"]![0]!["payload"]!["data"];
            schema.Evaluate(JsonSerializer.SerializeToElement(example)).IsValid.ShouldBeTrue($"the example of {entry.EventType.Name}: {example}");
        }

        IntegrationEvent[] sent =
        [
            SampleEvents.Judgement(Somerset) with { InspectionStartDate = new DateOnly(2026, 9, 7) },
            SampleEvents.CaseOpened(Somerset),
            SampleEvents.Standing("Somerset Family Care") with { ApprovedScopes = ["child-protection"], GroupId = Guid.NewGuid() },
            new WorkforceThresholdBreached
            {
                OccurredAt = DateTimeOffset.UtcNow, ReturnId = Guid.NewGuid(), LocalAuthority = Somerset, CensusYear = 2026, Version = 1,
                Breaches = [new WorkforceThresholdBreached.Breach("agency-rate", 31.5m, 25m)],
            },
        ];
        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var integrationEvent in sent)
        {
            await bus.Publish((object)integrationEvent);
        }

        var logged = await Eventually.ReturnsAsync(async () =>
        {
            var items = await FeedTests.ReadAllAsync(factory.Integrator(), "0", 500);
            var ours = items.Where(item => sent.Any(e => e.EventId.ToString() == item.GetProperty("id").GetString())).ToList();
            return ours.Count == sent.Length ? ours : null;
        }, because: "the four events in the log");
        foreach (var item in logged!)
        {
            var name = EventCatalogue.Find(item.GetProperty("type").GetString()!)!.EventType.Name;
            var result = SchemaOf(document, name).Evaluate(item.GetProperty("data"), new EvaluationOptions { OutputFormat = OutputFormat.List });
            result.IsValid.ShouldBeTrue($"{name} as sent: {JsonSerializer.Serialize(result)}");
        }
    }

    private static JsonSchema SchemaOf(JsonNode document, string name) =>
        JsonSchema.FromText(document["components"]!["schemas"]![name]!.ToJsonString());
}
