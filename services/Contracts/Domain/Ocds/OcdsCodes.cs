namespace Platform.Contracts.Domain.Ocds;

/// <summary>The OCDS 1.1 codes the platform emits, from the standard's codelists (C5).</summary>
public static class OcdsCodes
{
    public const string Version = "1.1";

    public const string InitiationType = "tender";

    public const string Currency = "GBP";

    /// <summary>releaseTag (open codelist): the codes used here.</summary>
    public static class Tags
    {
        public const string Award = "award";
        public const string Contract = "contract";
        public const string ContractAmendment = "contractAmendment";
        public const string ContractUpdate = "contractUpdate";
        public const string ContractTermination = "contractTermination";
        public const string Implementation = "implementation";
    }

    /// <summary>milestoneStatus (closed codelist).</summary>
    public static class MilestoneStatus
    {
        public const string Scheduled = "scheduled";
        public const string Met = "met";
        public const string NotMet = "notMet";
        public const string PartiallyMet = "partiallyMet";
    }

    /// <summary>milestoneType (open codelist).</summary>
    public static class MilestoneType
    {
        public const string Assessment = "assessment";
        public const string Delivery = "delivery";
        public const string Reporting = "reporting";
    }

    /// <summary>partyRole (open codelist).</summary>
    public static class PartyRole
    {
        public const string Buyer = "buyer";
        public const string Supplier = "supplier";
        public const string Payer = "payer";
        public const string Payee = "payee";
    }

    /// <summary>org-id.guide schemes for UK register identifiers.</summary>
    public static class Scheme
    {
        public const string CompaniesHouse = "GB-COH";
        public const string CharityCommission = "GB-CHC";
    }
}
