using Platform.Messaging.Events;

namespace Platform.Providers.Domain.Registry;

/// <summary>What a re-evaluation changed for one organisation.</summary>
public sealed record EligibilityChange(Organisation Organisation, IReadOnlyList<string> Suspended, IReadOnlyList<string> Flags, string Reason);

/// <summary>
/// After a change of legal form or control, every approval of the changed organisation and of every
/// organisation it controls (directly or down a chain) is decided again; those that no longer pass
/// are suspended. Works on an in-memory map of the registry so a change at the top of a large group
/// costs one pass.
/// </summary>
public static class Reevaluation
{
    public static IReadOnlyList<EligibilityChange> AfterChange(
        Guid changedId, IReadOnlyDictionary<Guid, Organisation> registry, ControlPolicy policy, string by, DateTimeOffset now)
    {
        var entries = registry.Values.ToDictionary(o => o.Id, o => o.ToEntry());
        var controlled = registry.Values.Where(o => o.ControllerId is not null).ToLookup(o => o.ControllerId!.Value);
        var changes = new List<EligibilityChange>();
        var visited = new HashSet<Guid>();
        var pending = new Queue<Guid>([changedId]);
        while (pending.TryDequeue(out var id))
        {
            if (!visited.Add(id) || !registry.TryGetValue(id, out var organisation))
            {
                continue;
            }

            foreach (var child in controlled[id])
            {
                pending.Enqueue(child.Id);
            }

            var chain = ControlChain.Follow(entries[id], entries.GetValueOrDefault);
            var suspended = new List<string>();
            var flagsChanged = false;
            var reasons = new List<string>();
            foreach (var application in organisation.Scopes.Where(a => a.Status == ApplicationStatus.Approved))
            {
                var decision = EligibilityRules.Decide(chain, application.Scope, policy);
                if (!decision.Eligible)
                {
                    application.Suspend(decision, by, now);
                    suspended.Add(application.Scope);
                    reasons.Add(decision.Reason);
                }
                else
                {
                    flagsChanged |= application.RefreshFlags(decision);
                }
            }

            if (suspended.Count > 0 || flagsChanged)
            {
                var flags = organisation.Scopes.SelectMany(a => a.Flags).Distinct().ToList();
                changes.Add(new EligibilityChange(organisation, suspended, flags,
                    reasons.Count > 0 ? string.Join(" ", reasons.Distinct()) : "Approvals stand; their flags changed."));
            }
        }

        return changes;
    }

    public static ProviderEligibilityChanged ToEvent(EligibilityChange change, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        ProviderId = change.Organisation.Id,
        Name = change.Organisation.Name,
        SuspendedScopes = change.Suspended,
        ApprovedScopes = change.Organisation.Scopes.Where(a => a.Status == ApplicationStatus.Approved).Select(a => a.Scope).ToList(),
        Flags = change.Flags,
        Reason = change.Reason,
    };
}
