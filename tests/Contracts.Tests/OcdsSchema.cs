using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Contracts.Tests;

/// <summary>
/// What the OCDS 1.1 release package and release schemas require, written out for the tests:
/// required fields per object, the closed codelists and the open ones the platform uses.
/// </summary>
public static partial class OcdsSchema
{
    public static readonly string[] PackageRequired = ["uri", "publisher", "publishedDate", "releases", "version"];
    public static readonly string[] ReleaseRequired = ["ocid", "id", "date", "tag", "initiationType"];

    public static readonly string[] ReleaseTags =
    [
        "planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation", "award", "awardUpdate",
        "awardCancellation", "contract", "contractUpdate", "contractAmendment", "implementation", "implementationUpdate", "contractTermination", "compiled",
    ];

    public static readonly string[] InitiationTypes = ["tender"];
    public static readonly string[] MilestoneStatuses = ["scheduled", "met", "notMet", "partiallyMet"];
    public static readonly string[] MilestoneTypes = ["preProcurement", "approval", "engagement", "assessment", "delivery", "reporting", "financing", "payment"];
    public static readonly string[] ContractStatuses = ["pending", "active", "cancelled", "terminated"];
    public static readonly string[] AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];
    public static readonly string[] TenderStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"];
    public static readonly string[] PartyRoles = ["buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer", "payee", "reviewBody", "interestedParty"];

    /// <summary>Every problem found in a release package, as "path: what is wrong"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Problems(JsonElement package)
    {
        var problems = new List<string>();
        Require(package, "package", PackageRequired, problems);
        if (package.TryGetProperty("version", out var version) && !VersionPattern().IsMatch(version.GetString() ?? ""))
        {
            problems.Add("package.version: not major.minor");
        }

        if (package.TryGetProperty("publisher", out var publisher))
        {
            Require(publisher, "package.publisher", ["name"], problems);
        }

        DateTime(package, "publishedDate", "package", problems);
        foreach (var (release, i) in Items(package, "releases"))
        {
            var at = $"releases[{i}]";
            Require(release, at, ReleaseRequired, problems);
            DateTime(release, "date", at, problems);
            Codes(release, "tag", ReleaseTags, at, problems);
            Code(release, "initiationType", InitiationTypes, at, problems);
            if (release.TryGetProperty("tag", out var tags) && tags.GetArrayLength() == 0)
            {
                problems.Add($"{at}.tag: at least one tag");
            }

            foreach (var (party, p) in Items(release, "parties"))
            {
                Codes(party, "roles", PartyRoles, $"{at}.parties[{p}]", problems);
            }

            if (release.TryGetProperty("tender", out var tender))
            {
                Require(tender, $"{at}.tender", ["id"], problems);
                Code(tender, "status", TenderStatuses, $"{at}.tender", problems);
            }

            foreach (var (award, a) in Items(release, "awards"))
            {
                Require(award, $"{at}.awards[{a}]", ["id"], problems);
                Code(award, "status", AwardStatuses, $"{at}.awards[{a}]", problems);
                DateTime(award, "date", $"{at}.awards[{a}]", problems);
            }

            foreach (var (contract, c) in Items(release, "contracts"))
            {
                var where = $"{at}.contracts[{c}]";
                Require(contract, where, ["id", "awardID"], problems);
                Code(contract, "status", ContractStatuses, where, problems);
                Period(contract, "period", where, problems);
                foreach (var (milestone, m) in Items(contract, "milestones"))
                {
                    Milestone(milestone, $"{where}.milestones[{m}]", problems);
                }

                if (contract.TryGetProperty("implementation", out var implementation))
                {
                    foreach (var (milestone, m) in Items(implementation, "milestones"))
                    {
                        Milestone(milestone, $"{where}.implementation.milestones[{m}]", problems);
                    }

                    foreach (var (transaction, t) in Items(implementation, "transactions"))
                    {
                        Require(transaction, $"{where}.implementation.transactions[{t}]", ["id"], problems);
                        DateTime(transaction, "date", $"{where}.implementation.transactions[{t}]", problems);
                    }
                }
            }
        }

        return problems;
    }

    private static void Milestone(JsonElement milestone, string at, List<string> problems)
    {
        Require(milestone, at, ["id"], problems);
        Code(milestone, "status", MilestoneStatuses, at, problems);
        Code(milestone, "type", MilestoneTypes, at, problems);
        DateTime(milestone, "dueDate", at, problems);
        DateTime(milestone, "dateMet", at, problems);
    }

    private static void Period(JsonElement parent, string name, string at, List<string> problems)
    {
        if (parent.TryGetProperty(name, out var period))
        {
            DateTime(period, "startDate", $"{at}.{name}", problems);
            DateTime(period, "endDate", $"{at}.{name}", problems);
        }
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select((item, i) => (item, i)) : [];

    private static void Require(JsonElement element, string at, string[] fields, List<string> problems) =>
        problems.AddRange(fields.Where(field => !element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null).Select(field => $"{at}.{field}: required"));

    private static void Code(JsonElement element, string field, string[] codes, string at, List<string> problems)
    {
        if (element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null && !codes.Contains(value.GetString()))
        {
            problems.Add($"{at}.{field}: '{value}' is not in the codelist");
        }
    }

    private static void Codes(JsonElement element, string field, string[] codes, string at, List<string> problems)
    {
        foreach (var (value, i) in Items(element, field))
        {
            if (!codes.Contains(value.GetString()))
            {
                problems.Add($"{at}.{field}[{i}]: '{value}' is not in the codelist");
            }
        }
    }

    private static void DateTime(JsonElement element, string field, string at, List<string> problems)
    {
        if (element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            && !(DateTimePattern().IsMatch(value.GetString() ?? "") && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            problems.Add($"{at}.{field}: '{value}' is not an ISO 8601 date-time");
        }
    }

    [GeneratedRegex(@"^(\d+\.)(\d+)$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();
}
