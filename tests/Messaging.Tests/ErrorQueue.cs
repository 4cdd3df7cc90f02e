using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

/// <summary>A look at a queue on the broker, leaving what it holds where it is.</summary>
public static class ErrorQueue
{
    /// <summary>The body of the first message waiting in <paramref name="queue"/>, or null when it is empty or does not exist yet.</summary>
    public static async Task<string?> FirstMessageAsync(string broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var result = await channel.BasicGetAsync(queue, autoAck: false);
            return result is null ? null : System.Text.Encoding.UTF8.GetString(result.Body.Span);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}
