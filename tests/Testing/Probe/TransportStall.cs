using MassTransit;
using MassTransit.RabbitMqTransport;

namespace Platform.Testing.Probe;

/// <summary>
/// Once armed, the next channel an endpoint opens never reaches its consumer, in one of the two ways an
/// endpoint's transport is left without a consumer after the broker dropped it: its restart loop ends
/// (a cancellation escapes the transport pipe, which MassTransit's loop takes as the end), or its pipe
/// waits for good (MassTransit/MassTransit#2072).
/// </summary>
public sealed class TransportStall : IFilter<ChannelContext>
{
    private const int Off = 0;
    private const int Ends = 1;
    private const int Hangs = 2;
    private const int EndsEveryTime = 3;

    private int _armed;

    /// <summary>Completed when an armed stall has caught a channel.</summary>
    public TaskCompletionSource Caught { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next channel's pipe throws <see cref="OperationCanceledException"/>: the transport's restart loop ends.</summary>
    public void ArmToEnd() => Volatile.Write(ref _armed, Ends);

    /// <summary>Every channel's pipe from now on throws <see cref="OperationCanceledException"/>: restarting the endpoint does not mend it.</summary>
    public void ArmToEndEveryTime() => Volatile.Write(ref _armed, EndsEveryTime);

    /// <summary>The next channel's pipe never returns.</summary>
    public void ArmToHang() => Volatile.Write(ref _armed, Hangs);

    public async Task Send(ChannelContext context, IPipe<ChannelContext> next)
    {
        var armed = Volatile.Read(ref _armed) == EndsEveryTime ? EndsEveryTime : Interlocked.Exchange(ref _armed, Off);
        switch (armed)
        {
            case Ends or EndsEveryTime:
                Caught.TrySetResult();
                throw new OperationCanceledException("A channel operation was cancelled as the broker went away.");
            case Hangs:
                Caught.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("transportStall");
}
