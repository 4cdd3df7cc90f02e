using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Platform.Contracts.Domain.ReadModels;

namespace Platform.Contracts.Domain.Ocds;

/// <summary>Who publishes and under which ocid prefix (C5: <c>ocds-&lt;prefix&gt;-&lt;id&gt;</c>).</summary>
public sealed class OcdsOptions
{
    /// <summary>The registered ocid prefix, without the trailing hyphen.</summary>
    public string OcidPrefix { get; set; } = "ocds-cscare";

    public string PublisherName { get; set; } = "Department for Education";

    public string? PublisherUri { get; set; }
}

/// <summary>The parties a release names, as Contracts knows them.</summary>
public sealed record OcdsParties(string BuyerName, ProviderStanding? Supplier);

/// <summary>
/// C5: a published contract (anything past draft) as an OCDS 1.1 release describing its current
/// state: the award, the contract with its amendments (C4), break points, review milestones (C3),
/// remedial notices and payments as transactions. Release ids count the contract's revisions.
/// </summary>
public static class OcdsPublication
{
    /// <summary>
    /// OCDS field names are camelCase; fields without a value are left out rather than null. Read-only from
    /// the start: a result given options that are not yet read-only fills in their resolver itself, and the
    /// first requests arriving together raced to change options another was already serializing with (a 500).
    /// </summary>
    public static readonly JsonSerializerOptions Json = ReadOnlyJson();

    private static JsonSerializerOptions ReadOnlyJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    public static OcdsReleasePackage Package(Uri uri, IReadOnlyList<OcdsRelease> releases, OcdsOptions options, DateTimeOffset now) =>
        new(uri.ToString(), OcdsCodes.Version,
            releases.Count == 0 ? Instant(now) : releases.Max(release => release.Date)!,
            new OcdsPublisher(options.PublisherName, null, null, options.PublisherUri),
            releases);

    public static string Ocid(Contract contract, OcdsOptions options) => $"{options.OcidPrefix}-{contract.Id}";

    public static OcdsRelease Release(Contract contract, OcdsParties parties, OcdsOptions options, DateOnly today)
    {
        if (!contract.Status.IsPublished())
        {
            throw new InvalidOperationException("A draft is not published (C5).");
        }

        var ocid = Ocid(contract, options);
        var buyer = new OcdsOrganizationReference(contract.LocalAuthority, parties.BuyerName);
        var supplier = new OcdsOrganizationReference(contract.ProviderId.ToString(), parties.Supplier?.Name ?? contract.ProviderId.ToString());
        var value = new OcdsValue(contract.Value, OcdsCodes.Currency);
        var period = new OcdsPeriod(StartOf(contract.StartDate), EndOf(contract.EndedOn ?? contract.EndDate));
        var items = contract.Scopes.Select(scope => new OcdsItem(scope.Word(), $"Children's social care: {scope.Word()}")).ToList();
        var awardId = $"{contract.Id}-award";
        var awardDate = Instant(contract.AwardedAt ?? contract.UpdatedAt);

        return new OcdsRelease(
            ocid,
            $"{ocid}-{contract.Revision}",
            Instant(contract.UpdatedAt),
            Tags(contract),
            OcdsCodes.InitiationType,
            "en",
            [
                new OcdsParty(buyer.Id, buyer.Name, new OcdsIdentifier(null, contract.LocalAuthority, parties.BuyerName), [], [OcdsCodes.PartyRole.Buyer, OcdsCodes.PartyRole.Payer]),
                new OcdsParty(supplier.Id, supplier.Name, Identifier(parties.Supplier, supplier), AdditionalIdentifiers(parties.Supplier), [OcdsCodes.PartyRole.Supplier, OcdsCodes.PartyRole.Payee]),
            ],
            buyer,
            new OcdsTender($"{contract.Id}-tender", contract.Title, "complete", "services", items),
            [new OcdsAward(awardId, contract.Title, "active", awardDate, value, [supplier], period, items)],
            [
                new OcdsContract(
                    contract.Id.ToString(), awardId, contract.Title, ContractStatus(contract.Status), period, value, awardDate, items,
                    BreakPoints(contract, today),
                    [.. contract.Variations.Select(variation => new OcdsAmendment(
                        $"{contract.Id}-variation-{variation.Sequence}", Instant(variation.At), variation.Reason,
                        string.Join("; ", variation.Changes.Select(change => $"{change.Field}: {change.From} → {change.To}"))))],
                    new OcdsImplementation(
                        [.. contract.Payments.Select(payment => new OcdsTransaction(payment.Id.ToString(), StartOf(payment.Date), new OcdsValue(payment.Amount, OcdsCodes.Currency), buyer, supplier))],
                        [.. ReviewMilestones(contract), .. NoticeMilestones(contract)])),
            ]);
    }

    /// <summary>releaseTag for the stage the contract is at, with implementation once there is any.</summary>
    public static IReadOnlyList<string> Tags(Contract contract)
    {
        var stage = contract.Status switch
        {
            Domain.ContractStatus.Awarded => OcdsCodes.Tags.Award,
            Domain.ContractStatus.Active => OcdsCodes.Tags.Contract,
            Domain.ContractStatus.Varied => OcdsCodes.Tags.ContractAmendment,
            Domain.ContractStatus.Terminated => OcdsCodes.Tags.ContractTermination,
            Domain.ContractStatus.Expired => OcdsCodes.Tags.ContractUpdate,
            _ => throw new InvalidOperationException("A draft is not published (C5)."),
        };
        return contract.Payments.Count > 0 || contract.Reviews.Count > 0 ? [stage, OcdsCodes.Tags.Implementation] : [stage];
    }

    /// <summary>contractStatus (closed codelist): a contract that has run its term or been ended early is terminated.</summary>
    public static string ContractStatus(ContractStatus status) => status switch
    {
        Domain.ContractStatus.Awarded => "pending",
        Domain.ContractStatus.Active or Domain.ContractStatus.Varied => "active",
        _ => "terminated",
    };

    private static List<OcdsMilestone> BreakPoints(Contract contract, DateOnly today) =>
        contract.BreakPoints.Select((date, i) => new OcdsMilestone(
            $"{contract.Id}-break-{i + 1}", $"Break point {i + 1}", OcdsCodes.MilestoneType.Assessment,
            "The council may end the contract at this point.", EndOf(date), date < today && contract.Status.HoldsTerm() ? EndOf(date) : null,
            date < today && contract.Status.HoldsTerm() ? OcdsCodes.MilestoneStatus.Met : OcdsCodes.MilestoneStatus.Scheduled)).ToList();

    /// <summary>Each review is met when every KPI was green, partly met when none was red, not met otherwise; the next one is scheduled.</summary>
    private static IEnumerable<OcdsMilestone> ReviewMilestones(Contract contract)
    {
        foreach (var review in contract.Reviews)
        {
            var ratings = review.Ratings.Select(r => r.Rating).ToList();
            var status = ratings.All(r => r == Rating.Green) ? OcdsCodes.MilestoneStatus.Met
                : ratings.Contains(Rating.Red) ? OcdsCodes.MilestoneStatus.NotMet
                : OcdsCodes.MilestoneStatus.PartiallyMet;
            yield return new OcdsMilestone(
                $"{contract.Id}-review-{review.Sequence}", $"KPI review {review.Sequence}", OcdsCodes.MilestoneType.Reporting,
                string.Join("; ", review.Ratings.Select(r => $"{r.Measure}: {r.Rating}")), EndOf(review.PeriodEnd), Instant(review.At), status);
        }

        if (contract.Status.IsInForce() && contract.ReviewCadence is not null)
        {
            var (sequence, start, end) = contract.NextReviewPeriod();
            if (start <= contract.EndDate)
            {
                yield return new OcdsMilestone(
                    $"{contract.Id}-review-{sequence}", $"KPI review {sequence}", OcdsCodes.MilestoneType.Reporting,
                    $"Review of the period {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.", EndOf(end), null, OcdsCodes.MilestoneStatus.Scheduled);
            }
        }
    }

    /// <summary>A remedial notice is met once a later review finds none of its KPIs red.</summary>
    private static IEnumerable<OcdsMilestone> NoticeMilestones(Contract contract) =>
        contract.RemedialNotices.Select(notice =>
        {
            var remedied = contract.Reviews.FirstOrDefault(review => review.Sequence > notice.ReviewSequence
                && review.Ratings.Where(r => notice.Measures.Contains(r.Measure)).All(r => r.Rating != Rating.Red));
            return new OcdsMilestone(
                $"{contract.Id}-remedial-{notice.Id}", "Remedial notice", OcdsCodes.MilestoneType.Delivery, notice.Detail, EndOf(notice.DueOn),
                remedied is null ? null : Instant(remedied.At), remedied is null ? OcdsCodes.MilestoneStatus.Scheduled : OcdsCodes.MilestoneStatus.Met);
        });

    private static OcdsIdentifier Identifier(ProviderStanding? provider, OcdsOrganizationReference reference) =>
        provider?.CompanyNumber is { } company ? new OcdsIdentifier(OcdsCodes.Scheme.CompaniesHouse, company, provider.Name)
        : provider?.CharityNumber is { } charity ? new OcdsIdentifier(OcdsCodes.Scheme.CharityCommission, charity, provider.Name)
        : new OcdsIdentifier(null, reference.Id, reference.Name);

    private static IReadOnlyList<OcdsIdentifier> AdditionalIdentifiers(ProviderStanding? provider) =>
        provider is { CompanyNumber: not null, CharityNumber: { } charity } ? [new OcdsIdentifier(OcdsCodes.Scheme.CharityCommission, charity, provider.Name)] : [];

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string StartOf(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static string EndOf(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z";
}
