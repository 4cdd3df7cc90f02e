using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Messaging.Inbox;

namespace Platform.Messaging;

/// <summary>
/// Events about one subject are applied in the order they were committed, across replicas (ADR 0006):
/// the relays publish one batch at a time, in commit order, each event stamped with its outbox sequence;
/// every queue has a single active consumer (RabbitMQ hands it to one replica, and to another if that
/// one goes); an ordered consumer takes one delivery at a time, and a batch consumer takes in any earlier
/// delivery that missed its batch (<see cref="DeliveryLedger{TEvent}"/>) and sorts them all by the sequence
/// stamp before applying them.
/// </summary>
public static class SubjectOrdering
{
    /// <summary>The header carrying the event's outbox sequence: its place in the publishing service's commit order.</summary>
    public const string SequenceHeader = "Platform-Sequence";

    private const int OrderedPrefetch = 64;

    /// <summary>A consumer that applies deliveries one at a time, in delivery order.</summary>
    public static void AddOrderedConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>().Endpoint(endpoint =>
        {
            endpoint.ConcurrentMessageLimit = 1;
            // The next deliveries wait in the replica, not on the broker's round trip.
            endpoint.PrefetchCount = OrderedPrefetch;
        });

    /// <summary>
    /// A batch consumer of <typeparamref name="TEvent"/> that takes up to <paramref name="messageLimit"/>
    /// deliveries at a time, waiting at most a few milliseconds to fill a batch, one batch at a time, with the
    /// ledger of deliveries that lets a batch take in those that missed it.
    /// </summary>
    public static void AddOrderedBatchConsumer<TConsumer, TEvent>(this IBusRegistrationConfigurator bus, int messageLimit = 500)
        where TConsumer : class, IConsumer<Batch<TEvent>>
        where TEvent : class
    {
        bus.TryAddSingleton<DeliveryLedger<TEvent>>();
        bus.AddSingleton<IDeliveryLedger>(services => services.GetRequiredService<DeliveryLedger<TEvent>>());
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(messageLimit)
                .SetTimeLimit(TimeSpan.FromMilliseconds(25))
                .SetConcurrencyLimit(1)))
            .Endpoint(endpoint => endpoint.PrefetchCount = messageLimit * 2);
    }

    /// <summary>Deliveries in the order their publisher committed them (unstamped ones last), then as the broker sent them.</summary>
    public static IEnumerable<ConsumeContext<TMessage>> InCommitOrder<TMessage>(this IEnumerable<ConsumeContext<TMessage>> deliveries)
        where TMessage : class =>
        deliveries
            .OrderBy(context => context.Headers.Get<long>(SequenceHeader) ?? long.MaxValue)
            .ThenBy(context => DeliveryLedger<TMessage>.Tag(context)?.Tag ?? ulong.MaxValue);

    /// <summary>Every queue consumed by one replica at a time.</summary>
    internal static void UseSingleActiveConsumer(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SingleActiveConsumer = true;
        }
    }
}
