using Platform.Testing.Journeys;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class PersistentFailureThroughTheGatewayTests(PlatformFixture fixture)
{
    [Fact]
    public Task Given_a_history_where_an_authority_was_inadequate_then_good_when_imported_then_its_case_has_ended_with_the_reason() =>
        MainJourneys.ImprovedHistoryEndsItsCaseAsync(fixture.Platform);

    [Fact]
    public Task Given_a_history_of_persistent_failure_when_imported_then_the_case_goes_to_a_commissioner_and_a_new_trust_reaches_the_registry() =>
        MainJourneys.PersistentFailureReachesTheRegistryAsync(fixture.Platform);
}
