using System.Text;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.DeadLetters;

/// <summary>
/// Reads and empties the service's error queues on the broker with the AMQP client itself (the
/// management plugin is not assumed): a look takes messages without acknowledging them and gives
/// them back; a re-drive publishes each to the queue it failed on, with confirms, and only then
/// removes it from the error queue, so a message is never lost between the two.
/// </summary>
public sealed class ErrorQueueClient(IConfiguration configuration, ReceiveQueues queues)
{
    /// <summary>What MassTransit adds when it moves a faulted message (its reason, the fault, the host), dropped when the message goes back.</summary>
    private static bool IsFaultHeader(string header) =>
        header == "MT-Reason" || header.StartsWith("MT-Fault-", StringComparison.Ordinal) || header.StartsWith("MT-Host-", StringComparison.Ordinal);

    public async Task<IReadOnlyList<ErrorQueue>> LookAsync(int firstOf, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<ErrorQueue>();
        foreach (var queue in queues.Names)
        {
            var errorQueue = ReceiveQueues.ErrorQueueOf(queue);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            if (await CountAsync(channel, errorQueue, cancellationToken) is null)
            {
                continue;
            }

            var first = new List<DeadLetter>();
            ulong lastTag = 0;
            while (first.Count < firstOf && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
            {
                first.Add(Describe(queue, message.BasicProperties));
                lastTag = message.DeliveryTag;
            }

            // Counted while this look holds the first ones: the broker counts only the messages it still has ready.
            var waiting = (uint)first.Count + (await CountAsync(channel, errorQueue, cancellationToken) ?? 0);
            if (lastTag > 0)
            {
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, cancellationToken);
            }

            result.Add(new ErrorQueue(errorQueue, waiting, first));
        }

        return result;
    }

    /// <summary>Moves every message of the service's error queues back to the queue it failed on.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var moved = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in queues.Names)
        {
            var errorQueue = ReceiveQueues.ErrorQueueOf(queue);
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            if (await CountAsync(channel, errorQueue, cancellationToken) is not { } count)
            {
                continue;
            }

            var done = 0;
            // As many as were there when the re-drive began: a message that fails again comes back behind them.
            while (done < count && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties);
                if (properties.Headers is { } headers)
                {
                    foreach (var header in headers.Keys.Where(IsFaultHeader).ToList())
                    {
                        headers.Remove(header);
                    }
                }

                await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                done++;
            }

            moved[queue] = done;
        }

        return moved;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
        return await new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "dead-letters" }.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>The messages waiting in <paramref name="queue"/>, or null when no message ever failed there (no such queue).</summary>
    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static DeadLetter Describe(string queue, IReadOnlyBasicProperties properties)
    {
        string? Header(string name) => properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;

        return new DeadLetter(
            queue,
            properties.MessageId,
            Header("MT-Fault-MessageType") ?? properties.Type,
            Header("MT-Fault-Message"),
            Header("MT-Fault-ExceptionType"),
            DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var faultedAt) ? faultedAt : null);
    }
}
