using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;

namespace Platform.Contracts.Tests;

/// <summary>Contracts started on a new database knows no authority: it asks the owners of reference facts to announce them again.</summary>
public sealed class CatchUpOnStartTests(ContractsFactory factory) : IClassFixture<ContractsFactory>
{
    [Fact]
    public async Task A_service_started_on_a_new_database_asks_once_to_catch_up()
    {
        var requests = await Eventually.ReturnsAsync(async () =>
        {
            var found = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.EventType == nameof(CatchUpRequested)).ToListAsync());
            return found.Count > 0 ? found : null;
        }, because: "the catch-up request in the outbox");

        requests.Count.ShouldBe(1);
        requests[0].Payload.ShouldContain("\"service\":\"contracts\"");
    }
}
