using System.Text.Json.Serialization;

namespace Platform.Contracts.Domain.Ocds;

// The shapes of the Open Contracting Data Standard 1.1 release package and release schemas (C5);
// only the parts a children's services contract uses. Dates are ISO 8601 date-times.

public sealed record OcdsReleasePackage(string Uri, string Version, string PublishedDate, OcdsPublisher Publisher, IReadOnlyList<OcdsRelease> Releases);

public sealed record OcdsPublisher(string Name, string? Scheme, string? Uid, string? Uri);

public sealed record OcdsRelease(
    string Ocid, string Id, string Date, IReadOnlyList<string> Tag, string InitiationType, string Language,
    IReadOnlyList<OcdsParty> Parties, OcdsOrganizationReference Buyer, OcdsTender Tender,
    IReadOnlyList<OcdsAward> Awards, IReadOnlyList<OcdsContract> Contracts);

public sealed record OcdsParty(string Id, string Name, OcdsIdentifier Identifier, IReadOnlyList<OcdsIdentifier> AdditionalIdentifiers, IReadOnlyList<string> Roles);

public sealed record OcdsIdentifier(string? Scheme, string? Id, string? LegalName);

public sealed record OcdsOrganizationReference(string Id, string Name);

public sealed record OcdsTender(string Id, string Title, string Status, string MainProcurementCategory, IReadOnlyList<OcdsItem> Items);

public sealed record OcdsItem(string Id, string Description);

public sealed record OcdsAward(
    string Id, string Title, string Status, string Date, OcdsValue Value, IReadOnlyList<OcdsOrganizationReference> Suppliers,
    OcdsPeriod ContractPeriod, IReadOnlyList<OcdsItem> Items);

public sealed record OcdsContract(
    string Id,
    [property: JsonPropertyName("awardID")] string AwardId,
    string Title, string Status, OcdsPeriod Period, OcdsValue Value, string DateSigned, IReadOnlyList<OcdsItem> Items,
    IReadOnlyList<OcdsMilestone> Milestones, IReadOnlyList<OcdsAmendment> Amendments, OcdsImplementation Implementation);

public sealed record OcdsImplementation(IReadOnlyList<OcdsTransaction> Transactions, IReadOnlyList<OcdsMilestone> Milestones);

public sealed record OcdsMilestone(string Id, string Title, string Type, string Description, string DueDate, string? DateMet, string Status);

public sealed record OcdsTransaction(string Id, string Date, OcdsValue Value, OcdsOrganizationReference Payer, OcdsOrganizationReference Payee);

public sealed record OcdsAmendment(string Id, string Date, string Rationale, string Description);

public sealed record OcdsValue(decimal Amount, string Currency);

public sealed record OcdsPeriod(string StartDate, string EndDate);
