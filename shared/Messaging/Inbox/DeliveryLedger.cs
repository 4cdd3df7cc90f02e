using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Inbox;

/// <summary>Watches the deliveries of one event type as they enter a receive endpoint.</summary>
public interface IDeliveryLedger
{
    /// <summary>Adds the ledger's filter to the consume pipe, ahead of retries, so a delivery is entered once and settled once.</summary>
    void Watch(IConsumePipeConfigurator pipe);
}

/// <summary>
/// The deliveries of <typeparamref name="TEvent"/> this process holds, by the broker's delivery order
/// (ADR 0006). MassTransit hands a batch endpoint's deliveries to its batch collector on separate tasks,
/// so a delivery can reach the collector after the one the broker sent next, miss that batch and be applied
/// after it. A batch consumer asks the ledger for every delivery sent before its batch's last one that is
/// not yet settled, waiting briefly for any still on its way, and applies those first; their own batch then
/// finds them applied.
/// </summary>
public sealed partial class DeliveryLedger<TEvent>(TimeProvider time, ILogger<DeliveryLedger<TEvent>> logger) : IDeliveryLedger
    where TEvent : class
{
    /// <summary>
    /// How long a batch waits for an earlier delivery still on its way; one that never comes (a message the
    /// endpoint cannot read goes to its error queue before the ledger sees it) is given up after this.
    /// </summary>
    public static readonly TimeSpan ArrivalWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();

    /// <summary>
    /// Delivery tags count from one on each channel, so deliveries are kept by the channel that brought them
    /// (the channel itself: a reconnection opens a new one, and MassTransit's consumer tag is not set on a
    /// delivery that arrives before the broker's consume-ok, as happens when a channel recovers with messages waiting).
    /// </summary>
    private readonly Dictionary<ChannelContext, ChannelDeliveries> _channels = new(SameChannel);

    private static readonly IEqualityComparer<ChannelContext> SameChannel = ReferenceEqualityComparer.Instance;

    public void Watch(IConsumePipeConfigurator pipe) => pipe.UseFilter(new DeliveryLedgerFilter<TEvent>(this));

    /// <summary>Enters a delivery as it reaches the endpoint.</summary>
    public void Enter(ConsumeContext<TEvent> context)
    {
        if (Tag(context) is not { } delivery)
        {
            return;
        }

        lock (_gate)
        {
            var deliveries = Channel(delivery.Channel);
            if (!deliveries.IsSettled(delivery.Tag))
            {
                deliveries.Pending(delivery.Tag).Arrive(context);
            }
        }
    }

    /// <summary>Settles deliveries whose events are applied, skipped or given up: no later batch waits for them.</summary>
    public void Settle(IEnumerable<ConsumeContext<TEvent>> contexts)
    {
        lock (_gate)
        {
            foreach (var context in contexts)
            {
                if (Tag(context) is { } delivery)
                {
                    Channel(delivery.Channel).Settle(delivery.Tag);
                }
            }
        }
    }

    /// <summary>
    /// The unsettled deliveries the broker sent before the last of <paramref name="batch"/> that are not in
    /// it, in no order; waits up to <see cref="ArrivalWait"/> for those not yet entered.
    /// </summary>
    public async Task<IReadOnlyList<ConsumeContext<TEvent>>> EarlierAsync(IReadOnlyCollection<ConsumeContext<TEvent>> batch, CancellationToken cancellationToken)
    {
        var earlier = new List<(ChannelContext Channel, ulong Tag, PendingDelivery Delivery)>();
        lock (_gate)
        {
            foreach (var channel in batch.Select(Tag).OfType<(ChannelContext Channel, ulong Tag)>().GroupBy(item => item.Channel, SameChannel))
            {
                var deliveries = Channel(channel.Key);
                var inBatch = channel.Select(item => item.Tag).ToHashSet();
                var last = inBatch.Max();
                for (var tag = deliveries.SettledThrough + 1; tag < last; tag++)
                {
                    if (!inBatch.Contains(tag) && !deliveries.IsSettled(tag))
                    {
                        earlier.Add((channel.Key, tag, deliveries.Pending(tag)));
                    }
                }
            }
        }

        var arriving = earlier.Where(item => item.Delivery.Context is null).Select(item => item.Delivery.Arrived).ToList();
        if (arriving.Count > 0)
        {
            try
            {
                await Task.WhenAll(arriving).WaitAsync(ArrivalWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                lock (_gate)
                {
                    foreach (var (channel, tag, _) in earlier.Where(item => item.Delivery.Context is null))
                    {
                        LogGivenUp(logger, tag, channel.Channel.ChannelNumber, ArrivalWait.TotalMilliseconds);
                        Channel(channel).Settle(tag);
                    }
                }
            }
        }

        return [.. earlier.Select(item => item.Delivery.Context).OfType<ConsumeContext<TEvent>>()];
    }

    /// <summary>The channel and delivery tag of a RabbitMQ delivery; none on another transport, where the ledger stands aside.</summary>
    internal static (ChannelContext Channel, ulong Tag)? Tag(ConsumeContext context) =>
        context.ReceiveContext is RabbitMqReceiveContext rabbit && rabbit.TryGetPayload<ChannelContext>(out var channel) ? (channel, rabbit.DeliveryTag) : null;

    private ChannelDeliveries Channel(ChannelContext channel)
    {
        if (!_channels.TryGetValue(channel, out var deliveries))
        {
            // A reconnection opens a new channel, its tags counted afresh; what a closed channel leaves is a counter.
            _channels[channel] = deliveries = new ChannelDeliveries();
        }

        return deliveries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Tag} on channel {Channel} did not reach the consumer within {WaitMs} ms; the batch goes on without it")]
    private static partial void LogGivenUp(ILogger logger, ulong tag, int channel, double waitMs);

    private sealed class PendingDelivery
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConsumeContext<TEvent>? Context { get; private set; }

        public Task Arrived => _arrived.Task;

        public void Arrive(ConsumeContext<TEvent> context)
        {
            Context = context;
            _arrived.TrySetResult();
        }
    }

    /// <summary>One channel's deliveries: every tag up to <see cref="SettledThrough"/> is settled, and some beyond it.</summary>
    private sealed class ChannelDeliveries
    {
        private readonly Dictionary<ulong, PendingDelivery> _pending = [];
        private readonly HashSet<ulong> _settledBeyond = [];

        public ulong SettledThrough { get; private set; }

        public bool IsSettled(ulong tag) => tag <= SettledThrough || _settledBeyond.Contains(tag);

        public PendingDelivery Pending(ulong tag)
        {
            if (!_pending.TryGetValue(tag, out var delivery))
            {
                _pending[tag] = delivery = new PendingDelivery();
            }

            return delivery;
        }

        public void Settle(ulong tag)
        {
            if (IsSettled(tag))
            {
                return;
            }

            _pending.Remove(tag);
            _settledBeyond.Add(tag);
            while (_settledBeyond.Remove(SettledThrough + 1))
            {
                SettledThrough++;
            }
        }
    }
}
