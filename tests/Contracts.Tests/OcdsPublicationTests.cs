using System.Runtime.Loader;
using System.Text.Json;
using Platform.Contracts.Domain;
using Platform.Contracts.Domain.Ocds;
using Platform.Contracts.Domain.ReadModels;

namespace Platform.Contracts.Tests;

public sealed class OcdsPublicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly OcdsOptions Options = new() { OcidPrefix = "ocds-test01" };

    private static readonly ProviderStanding Charity = new()
    {
        ProviderId = Guid.NewGuid(), Name = "Family Care Trust", CharityNumber = "1234567", ApprovedScopes = ["child-protection"], Reason = "Approved.",
    };

    private static Contract Contract(Action<Contract>? then = null)
    {
        var contract = Domain.Contract.Draft("E08000025", Charity.ProviderId, new ContractTerms(
            "Child protection services", [ServiceScope.ChildProtection], 3_000_000m, new DateOnly(2025, 4, 1), new DateOnly(2028, 3, 31),
            [new DateOnly(2027, 3, 31)], [new Kpi(KpiMeasure.Caseload, 18m, 2m)], ReviewCadence.Quarterly), "council", Now);
        contract.Award("council", Now);
        then?.Invoke(contract);
        return contract;
    }

    private static JsonElement Package(params Contract[] contracts)
    {
        var releases = contracts.Select(c => OcdsPublication.Release(c, new OcdsParties("Birmingham", Charity), Options, Today)).ToList();
        var package = OcdsPublication.Package(new Uri("https://platform.example/api/contracts/ocds"), releases, Options, Now);
        return JsonSerializer.SerializeToElement(package, OcdsPublication.Json);
    }

    private static KpiRating Red() => new() { Measure = KpiMeasure.Caseload, Target = 18m, Actual = 25m, Source = "submitted", Rating = Rating.Red };

    /// <summary>
    /// Options handed to a JSON result while still writable are changed by the result itself; the first
    /// requests arriving together then changed them under one another and one of them failed.
    /// </summary>
    [Fact]
    public void The_publication_options_are_read_only_before_any_request_uses_them()
    {
        // A fresh copy of the service's assembly: in this process the options have been used already.
        var fresh = new AssemblyLoadContext("fresh-contracts", isCollectible: true);
        try
        {
            var publication = fresh.LoadFromAssemblyPath(typeof(OcdsPublication).Assembly.Location).GetType(typeof(OcdsPublication).FullName!)!;
            var options = (JsonSerializerOptions)publication.GetField(nameof(OcdsPublication.Json))!.GetValue(null)!;

            options.IsReadOnly.ShouldBeTrue();
            Should.Throw<InvalidOperationException>(() => options.WriteIndented = true);
        }
        finally
        {
            fresh.Unload();
        }
    }

    [Fact]
    public void C5_an_awarded_contract_is_a_release_with_every_required_field_and_codes_from_the_codelists()
    {
        var package = Package(Contract());

        OcdsSchema.Problems(package).ShouldBeEmpty();
        package.GetProperty("version").GetString().ShouldBe("1.1");
        var release = package.GetProperty("releases")[0];
        release.GetProperty("ocid").GetString()!.ShouldStartWith("ocds-test01-");
        release.GetProperty("tag").EnumerateArray().Select(t => t.GetString()).ShouldBe(["award"]);
        release.GetProperty("initiationType").GetString().ShouldBe("tender");
        release.GetProperty("contracts")[0].GetProperty("awardID").GetString().ShouldBe(release.GetProperty("awards")[0].GetProperty("id").GetString());
        release.GetProperty("contracts")[0].GetProperty("status").GetString().ShouldBe("pending");
    }

    [Fact]
    public void C5_parties_are_the_council_as_buyer_and_the_provider_as_supplier_with_its_register_identifier()
    {
        var parties = Package(Contract()).GetProperty("releases")[0].GetProperty("parties").EnumerateArray().ToList();

        parties.Single(p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "buyer")).GetProperty("id").GetString().ShouldBe("E08000025");
        var supplier = parties.Single(p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "supplier"));
        supplier.GetProperty("identifier").GetProperty("scheme").GetString().ShouldBe("GB-CHC");
        supplier.GetProperty("identifier").GetProperty("id").GetString().ShouldBe("1234567");
    }

    [Fact]
    public void C5_implementation_carries_reviews_remedial_notices_and_payments_and_amendments_the_variations()
    {
        var contract = Contract(c =>
        {
            c.Activate(Today, Now);
            c.RecordReview([Red()], Today, 28, "council", Now);
            c.RecordReview([Red()], Today, 28, "council", Now);
            c.RecordPayment(new DateOnly(2025, 5, 1), 250_000m, "council", Now);
            c.Vary(c.Terms with { Value = 3_200_000m }, "Demand rose.", "council", Now);
        });

        var package = Package(contract);

        OcdsSchema.Problems(package).ShouldBeEmpty();
        var release = package.GetProperty("releases")[0];
        release.GetProperty("tag").EnumerateArray().Select(t => t.GetString()).ShouldBe(["contractAmendment", "implementation"]);
        var awarded = release.GetProperty("contracts")[0];
        var milestones = awarded.GetProperty("implementation").GetProperty("milestones").EnumerateArray().ToList();
        milestones.Select(m => m.GetProperty("status").GetString()).ShouldBe(["notMet", "notMet", "scheduled", "scheduled"]);
        milestones.Last().GetProperty("type").GetString().ShouldBe("delivery");
        awarded.GetProperty("implementation").GetProperty("transactions")[0].GetProperty("value").GetProperty("amount").GetDecimal().ShouldBe(250_000m);
        awarded.GetProperty("amendments")[0].GetProperty("rationale").GetString().ShouldBe("Demand rose.");
        awarded.GetProperty("milestones")[0].GetProperty("type").GetString().ShouldBe("assessment");
    }

    [Fact]
    public void C5_release_ids_are_unique_within_a_process_as_the_contract_changes()
    {
        var contract = Contract();
        var awarded = Package(contract).GetProperty("releases")[0].GetProperty("id").GetString();
        contract.Activate(Today, Now);

        Package(contract).GetProperty("releases")[0].GetProperty("id").GetString().ShouldNotBe(awarded);
    }

    [Theory]
    [InlineData(ContractStatus.Awarded, "pending")]
    [InlineData(ContractStatus.Active, "active")]
    [InlineData(ContractStatus.Varied, "active")]
    [InlineData(ContractStatus.Terminated, "terminated")]
    [InlineData(ContractStatus.Expired, "terminated")]
    public void C5_contract_statuses_map_onto_the_closed_contract_status_codelist(ContractStatus status, string code)
    {
        OcdsPublication.ContractStatus(status).ShouldBe(code);
        OcdsSchema.ContractStatuses.ShouldContain(code);
    }

    [Fact]
    public void C5_a_draft_is_never_published() =>
        Should.Throw<InvalidOperationException>(() => OcdsPublication.Release(
            Domain.Contract.Draft("E08000025", Guid.NewGuid(), Contract().Terms, "council", Now), new OcdsParties("Birmingham", null), Options, Today));

    [Fact]
    public void The_schema_checks_themselves_find_a_missing_field_and_a_code_outside_a_codelist()
    {
        var broken = JsonSerializer.SerializeToElement(new
        {
            uri = "https://x.example",
            publishedDate = "2026-11-23T12:00:00Z",
            publisher = new { name = "DfE" },
            version = "1.1",
            releases = new[] { new { ocid = "ocds-x-1", id = "1", date = "yesterday", tag = new[] { "signed" }, initiationType = "direct" } },
        });

        OcdsSchema.Problems(broken).ShouldBe(
            ["releases[0].date: 'yesterday' is not an ISO 8601 date-time", "releases[0].tag[0]: 'signed' is not in the codelist", "releases[0].initiationType: 'direct' is not in the codelist"],
            ignoreOrder: true);
    }
}
