using System.Text.Json.Nodes;
using Platform.Integrations.EventLog;
using Platform.Integrations.Webhooks;

namespace Platform.Integrations.Documentation;

/// <summary>
/// The platform's events as an AsyncAPI 3.0 document: each event's RabbitMQ exchange (amqp 0-9-1 bindings)
/// where the services publish it, the gateway's feed, stream and webhooks that carry it to integrators as a
/// CloudEvent, a JSON Schema and an example for each. Made from the event catalogue and the events' own
/// types, so it names every event the log keeps and no other.
/// </summary>
public static class AsyncApiDocument
{
    public const string Path = "/asyncapi.json";

    public static JsonObject Build(string gatewayHost)
    {
        var schemas = new JsonObject { ["CloudEvent"] = CloudEventSchema() };
        var messages = new JsonObject();
        var channels = new JsonObject();
        var operations = new JsonObject();
        var cloudEventMessages = new JsonObject();
        foreach (var entry in EventCatalogue.All)
        {
            var name = entry.EventType.Name;
            var schema = EventSchemas.SchemaOf(entry.EventType);
            schemas[name] = schema;
            messages[name] = CloudEventMessage(entry, schema);
            messages[$"{name}OnTheBroker"] = BrokerMessage(entry);
            cloudEventMessages[name] = Reference($"#/components/messages/{name}");
            channels[name] = new JsonObject
            {
                ["address"] = entry.Exchange,
                ["title"] = $"{name} on the broker",
                ["description"] = $"The exchange {entry.Service} publishes {name} to; each subscribing service binds a queue of its own.",
                ["servers"] = new JsonArray(Reference("#/servers/broker")),
                ["messages"] = new JsonObject { [name] = Reference($"#/components/messages/{name}OnTheBroker") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = entry.Exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"publish{name}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Reference($"#/channels/{name}"),
                ["summary"] = entry.Description,
                ["messages"] = new JsonArray(Reference($"#/channels/{name}/messages/{name}")),
            };
        }

        channels["feed"] = GatewayChannel("/api/integrations/events", "The event feed",
            "Pages of events after a cursor: GET ?after=<cursor>&type=<type>&localAuthority=<GSS>&pageSize=<1-500> answers {\"items\": [CloudEvent...], \"next\": \"<cursor>\"}. A cursor holds across restarts and replicas; 0 is the oldest event kept. A cursor older than the log's retention is answered 410.", cloudEventMessages);
        channels["stream"] = GatewayChannel("/api/integrations/events/stream", "The event stream",
            "The feed as Server-Sent Events that stay open: each event's SSE id is its cursor and its SSE event name its CloudEvents type; reconnect with Last-Event-ID to go on after the last event seen. A 'heartbeat' event with no data keeps a quiet connection open.", cloudEventMessages);
        channels["webhook"] = new JsonObject
        {
            ["address"] = "{subscriberUrl}",
            ["title"] = "Webhooks",
            ["description"] = "Each event a subscription covers, POSTed to its URL per Standard Webhooks: webhook-id (the CloudEvent id, the same on every retry), webhook-timestamp (Unix seconds) and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body> with the subscription's whsec_ secret; two, space-separated, while a rotated secret overlaps: check each). In log order, one at a time; a 2xx takes it, a 410 ends the subscription, anything else is retried with exponential back-off and jitter for 24 hours, then the subscription is disabled with the reason.",
            ["parameters"] = new JsonObject { ["subscriberUrl"] = new JsonObject { ["description"] = "The URL given when subscribing (POST /api/integrations/subscriptions); public addresses only." } },
            ["messages"] = cloudEventMessages.DeepClone(),
        };
        foreach (var (operation, channel) in new[] { ("readFeed", "feed"), ("followStream", "stream"), ("deliverWebhooks", "webhook") })
        {
            operations[operation] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Reference($"#/channels/{channel}"),
                ["security"] = channel == "webhook" ? new JsonArray() : new JsonArray(Reference("#/components/securitySchemes/integrator")),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Children's social care oversight: integration events",
                ["version"] = "1.0.0",
                ["description"] = "Every fact the platform's services tell each other, offered to integrators as CloudEvents 1.0 (structured JSON): type uk.gov.education.csc.<what>.<happened>.v1, source the publishing service, subject the authority, provider or contract, data the event as published. "
                    + "Within v1 changes are additive only: an event may gain fields, never lose, rename or retype one; a reader ignores fields it does not know. A change that is not additive is a new type ending .v2, published beside .v1 for a time. "
                    + "An integrator sees the event types and authorities its grants name (an authority's integrator sees no event about no authority). To subscribe: get a client from the platform's operator, a token by client credentials, then POST /api/integrations/subscriptions.",
            },
            ["defaultContentType"] = WebhookDelivery.ContentType,
            ["servers"] = new JsonObject
            {
                ["broker"] = new JsonObject
                {
                    ["host"] = "rabbitmq:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0-9-1",
                    ["description"] = "The platform's own RabbitMQ, where its services publish (MassTransit envelopes). Outside systems use the gateway.",
                },
                ["gateway"] = new JsonObject
                {
                    ["host"] = gatewayHost,
                    ["protocol"] = "https",
                    ["description"] = "The platform's gateway: the feed, the stream and the subscriptions, for integrators.",
                    ["security"] = new JsonArray(Reference("#/components/securitySchemes/integrator")),
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["messages"] = messages,
                ["securitySchemes"] = new JsonObject
                {
                    ["integrator"] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["description"] = "A bearer token of the platform's identity service for an integrator's client (client credentials, scope 'platform').",
                        ["flows"] = new JsonObject
                        {
                            ["clientCredentials"] = new JsonObject
                            {
                                ["tokenUrl"] = "/connect/token",
                                ["availableScopes"] = new JsonObject { ["platform"] = "The platform's APIs, within the client's grants." },
                            },
                        },
                    },
                },
            },
        };
    }

    private static JsonObject CloudEventMessage(CataloguedEvent entry, JsonNode schema)
    {
        var data = EventSchemas.ExampleOf(schema);
        var subject = data?["localAuthority"]?.GetValue<string>() ?? data?["providerId"]?.GetValue<string>() ?? "E08000025";
        return new JsonObject
        {
            ["name"] = entry.CloudEventType,
            ["title"] = entry.EventType.Name,
            ["summary"] = entry.Description,
            ["contentType"] = WebhookDelivery.ContentType,
            ["payload"] = new JsonObject
            {
                ["allOf"] = new JsonArray(
                    Reference("#/components/schemas/CloudEvent"),
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["type"] = new JsonObject { ["const"] = entry.CloudEventType },
                            ["source"] = new JsonObject { ["const"] = entry.Source },
                            ["data"] = Reference($"#/components/schemas/{entry.EventType.Name}"),
                        },
                    }),
            },
            ["examples"] = new JsonArray(new JsonObject
            {
                ["name"] = entry.EventType.Name,
                ["payload"] = new JsonObject
                {
                    ["specversion"] = "1.0",
                    ["id"] = data?["eventId"]?.DeepClone() ?? "0b6f8e2c-1a3d-4c5e-8f7a-9b0c1d2e3f40",
                    ["type"] = entry.CloudEventType,
                    ["source"] = entry.Source,
                    ["subject"] = subject,
                    ["time"] = "2026-11-02T09:30:00+00:00",
                    ["datacontenttype"] = "application/json",
                    ["data"] = data,
                },
            }),
        };
    }

    private static JsonObject BrokerMessage(CataloguedEvent entry) => new()
    {
        ["name"] = entry.EventType.Name,
        ["title"] = $"{entry.EventType.Name} (MassTransit envelope)",
        ["contentType"] = "application/vnd.masstransit+json",
        ["payload"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["messageId"] = new JsonObject { ["type"] = "string", ["description"] = "The event's id." },
                ["messageType"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["examples"] = new JsonArray($"urn:message:{entry.Exchange}") },
                ["headers"] = new JsonObject { ["type"] = "object", ["description"] = "Platform-Sequence: the event's place in its publisher's commit order." },
                ["message"] = Reference($"#/components/schemas/{entry.EventType.Name}"),
            },
        },
    };

    private static JsonObject GatewayChannel(string address, string title, string description, JsonObject messages) => new()
    {
        ["address"] = address,
        ["title"] = title,
        ["description"] = description,
        ["servers"] = new JsonArray(Reference("#/servers/gateway")),
        ["messages"] = messages.DeepClone(),
    };

    private static JsonObject CloudEventSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "A CloudEvents 1.0 event in structured JSON.",
        ["required"] = new JsonArray("specversion", "id", "source", "type"),
        ["properties"] = new JsonObject
        {
            ["specversion"] = new JsonObject { ["const"] = "1.0" },
            ["id"] = new JsonObject { ["type"] = "string", ["description"] = "The event's id: the same in the feed, the stream and every webhook attempt." },
            ["source"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" },
            ["type"] = new JsonObject { ["type"] = "string" },
            ["subject"] = new JsonObject { ["type"] = "string" },
            ["time"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["datacontenttype"] = new JsonObject { ["const"] = "application/json" },
            ["data"] = new JsonObject { ["type"] = "object" },
        },
    };

    private static JsonObject Reference(string pointer) => new() { ["$ref"] = pointer };

    public static IEndpointRouteBuilder MapAsyncApiDocument(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (HttpRequest request) =>
            TypedResults.Json(Build(request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value ?? "localhost")))
            .AllowAnonymous().WithTags("Documentation").ExcludeFromDescription();
        return routes;
    }
}
