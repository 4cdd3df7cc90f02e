using Platform.Messaging.Events;

namespace Platform.Providers.Domain.Registry;

/// <summary>The event that tells other services where an organisation now stands (P2-P4).</summary>
public static class EligibilitySnapshot
{
    /// <summary>The organisation's standing after a change, at its next revision.</summary>
    public static ProviderEligibilityChanged Of(Organisation organisation, string reason, DateTimeOffset now, IReadOnlyList<string>? suspended = null) =>
        At(organisation.NextRevision(), organisation, reason, now, suspended ?? []);

    /// <summary>The organisation's standing announced again, at the revision consumers may already hold (they change nothing).</summary>
    public static ProviderEligibilityChanged Again(Organisation organisation, string reason, DateTimeOffset now) =>
        At(organisation.Revision, organisation, reason, now, []);

    private static ProviderEligibilityChanged At(int revision, Organisation organisation, string reason, DateTimeOffset now, IReadOnlyList<string> suspended) => new()
    {
        OccurredAt = now,
        ProviderId = organisation.Id,
        Name = organisation.Name,
        Revision = revision,
        CompanyNumber = organisation.CompanyNumber,
        CharityNumber = organisation.CharityNumber,
        SuspendedScopes = suspended,
        ApprovedScopes = [.. organisation.Scopes.Where(a => a.Status == ApplicationStatus.Approved).Select(a => a.Scope)],
        Flags = FlagsOf(organisation),
        GroupId = organisation.GroupId,
        ConflictOfInterest = organisation.ConflictOfInterest,
        Reason = reason,
    };

    /// <summary>The scope flags (P3) and the organisation's own conflict flag (P4), each once.</summary>
    public static IReadOnlyList<string> FlagsOf(Organisation organisation) =>
        [.. organisation.Scopes.SelectMany(a => a.Flags).Append(organisation.ConflictOfInterest is null ? null : ConflictsOfInterest.Flag).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
