using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Platform.Messaging;
using Platform.Messaging.Events;

namespace Platform.Integrations.EventLog;

/// <summary>An integration event as a CloudEvents 1.0 structured JSON document, its data the event as its publisher wrote it.</summary>
public static class CloudEventDocument
{
    private static readonly JsonEventFormatter Formatter = new();

    public static string Of(IntegrationEvent integrationEvent)
    {
        var catalogued = EventCatalogue.Of(integrationEvent.GetType());
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = integrationEvent.EventId.ToString(),
            Type = catalogued.CloudEventType,
            Source = new Uri(catalogued.Source, UriKind.Relative),
            Subject = integrationEvent.Subject,
            Time = integrationEvent.OccurredAt,
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.SerializeToElement(integrationEvent, integrationEvent.GetType(), EventJson.Options),
        };
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }
}
