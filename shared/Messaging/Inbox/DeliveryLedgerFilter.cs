using MassTransit;

namespace Platform.Messaging.Inbox;

/// <summary>Enters each delivery in the <see cref="DeliveryLedger{TEvent}"/> as it arrives and settles it once it is done with, whatever its outcome.</summary>
internal sealed class DeliveryLedgerFilter<TEvent>(DeliveryLedger<TEvent> ledger) : IFilter<ConsumeContext<TEvent>>
    where TEvent : class
{
    public async Task Send(ConsumeContext<TEvent> context, IPipe<ConsumeContext<TEvent>> next)
    {
        ledger.Enter(context);
        try
        {
            await next.Send(context);
        }
        finally
        {
            ledger.Settle([context]);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("deliveryLedger");
}
