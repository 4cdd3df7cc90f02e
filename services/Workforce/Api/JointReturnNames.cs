using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Api;

/// <summary>Names a joint return's authorities and the trust that serves every one of them (W7).</summary>
public sealed class JointReturnNames(IReadOnlyDictionary<string, KnownLocalAuthority> directory, IReadOnlyList<ServingTrust> trusts)
{
    /// <summary>Null for an authority's own return.</summary>
    public JointReturn? Of(WorkforceReturn workforceReturn)
    {
        if (workforceReturn.JointWith.Count == 0)
        {
            return null;
        }

        var covered = workforceReturn.Covers.ToList();
        var trust = trusts.GroupBy(t => t.ProviderId)
            .FirstOrDefault(serving => covered.All(authority => serving.Any(t => t.LocalAuthority == authority)))?
            .First().Name;
        return new JointReturn(
            workforceReturn.LocalAuthority,
            [.. covered.Select(authority => new AuthorityName(authority, directory.GetValueOrDefault(authority)?.Name ?? authority))],
            trust);
    }
}
