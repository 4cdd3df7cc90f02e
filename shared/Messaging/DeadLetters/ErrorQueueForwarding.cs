using MassTransit;

namespace Platform.Messaging.DeadLetters;

/// <summary>
/// Sends one message of a batch to the error queue of the queue it came from, with its reason in the
/// headers MassTransit itself writes, so it is listed and re-driven like any other dead letter while
/// the rest of its batch is applied.
/// </summary>
public static class ErrorQueueForwarding
{
    public static async Task ToErrorQueueAsync<TMessage>(this ConsumeContext<TMessage> context, Exception reason, TimeProvider time)
        where TMessage : class
    {
        var input = context.ReceiveContext.InputAddress;
        var queue = input.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{ReceiveQueues.ErrorQueueOf(queue)}"));
        await endpoint.Send(context.Message, send =>
        {
            send.MessageId = context.MessageId;
            foreach (var header in context.Headers.GetAll())
            {
                send.Headers.Set(header.Key, header.Value);
            }

            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-ExceptionType", reason.GetType().FullName);
            send.Headers.Set("MT-Fault-Message", Innermost(reason).Message);
            send.Headers.Set("MT-Fault-MessageType", typeof(TMessage).Name);
            send.Headers.Set("MT-Fault-Timestamp", time.GetUtcNow().ToString("O"));
        }, context.CancellationToken);
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
