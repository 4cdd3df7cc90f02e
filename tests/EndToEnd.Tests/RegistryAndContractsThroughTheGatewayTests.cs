using Platform.Testing.Journeys;

namespace Platform.EndToEnd.Tests;

/// <summary>The for-profit ban and contract oversight across the registry and Contracts, through the gateway only.</summary>
[Collection(nameof(WholePlatform))]
public sealed class RegistryAndContractsThroughTheGatewayTests(PlatformFixture fixture)
{
    [Fact]
    public Task Council_registers_a_charity_and_a_company_then_the_ban_holds_through_award_and_the_charitys_contract_goes_to_breach() =>
        MainJourneys.ForProfitBanHoldsThroughContractsAsync(fixture.Platform);
}
