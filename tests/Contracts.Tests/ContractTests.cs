using Platform.Contracts.Domain;

namespace Platform.Contracts.Tests;

public sealed class ContractTests
{
    private static readonly DateOnly Start = new(2027, 4, 1);

    [Fact]
    public void C1_a_contract_covers_scopes_for_a_value_over_a_term() =>
        Contract.Check("Family support", [ServiceScope.ChildProtection], 1_000_000m, Start, Start.AddYears(3)).ShouldBeEmpty();

    [Fact]
    public void C1_a_contract_covers_at_least_one_scope() =>
        Contract.Check("Nothing", [], 10m, Start, Start.AddYears(1)).ShouldContain(problem => problem.Field == "scopes");

    [Fact]
    public void A_negative_value_is_refused() =>
        Contract.Check("Negative", [ServiceScope.CareLeavers], -1m, Start, Start.AddYears(1)).ShouldContain(problem => problem.Field == "value");

    [Fact]
    public void The_term_must_end_after_it_starts() =>
        Contract.Check("Backwards", [ServiceScope.CareLeavers], 1m, Start, Start).ShouldContain(problem => problem.Field == "endDate");

    [Fact]
    public void A_draft_keeps_each_scope_once()
    {
        var contract = Contract.Draft("E08000025", Guid.NewGuid(), "Twice", [ServiceScope.CareLeavers, ServiceScope.CareLeavers], 1m, Start, Start.AddYears(1), "tester", DateTimeOffset.UtcNow);

        contract.Scopes.ShouldBe([ServiceScope.CareLeavers]);
        contract.Status.ShouldBe(ContractStatus.Draft);
    }
}
