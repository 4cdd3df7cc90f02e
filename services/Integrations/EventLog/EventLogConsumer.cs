using MassTransit;
using Platform.Messaging.Events;

namespace Platform.Integrations.EventLog;

/// <summary>Appends every delivery of <typeparamref name="TEvent"/> to the log; the log's unique event id makes a redelivery change nothing.</summary>
public sealed class EventLogConsumer<TEvent>(EventLogWriter writer) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
{
    public Task Consume(ConsumeContext<TEvent> context) => writer.AppendAsync(context.Message, context.CancellationToken);
}

/// <summary>
/// Every event type on one queue, taken one delivery at a time: the log holds each publisher's events in
/// the order it committed them, whatever their types (ADR 0006).
/// </summary>
public sealed class EventLogConsumerDefinition<TEvent> : ConsumerDefinition<EventLogConsumer<TEvent>>
    where TEvent : IntegrationEvent
{
    public const string QueueName = "integrations-event-log";

    public EventLogConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<EventLogConsumer<TEvent>> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.PrefetchCount = 64;
}

public static class EventLogRegistration
{
    /// <summary>A consumer for every catalogued event type, all on the event log's queue.</summary>
    public static void AddEventLogConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var catalogued in EventCatalogue.All)
        {
            bus.AddConsumer(
                typeof(EventLogConsumer<>).MakeGenericType(catalogued.EventType),
                typeof(EventLogConsumerDefinition<>).MakeGenericType(catalogued.EventType));
        }
    }
}
