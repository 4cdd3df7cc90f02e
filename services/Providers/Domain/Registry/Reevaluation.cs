namespace Platform.Providers.Domain.Registry;

/// <summary>What a re-evaluation changed for one organisation.</summary>
public sealed record EligibilityChange(Organisation Organisation, IReadOnlyList<string> Suspended, string Reason);

/// <summary>
/// After a change of legal form or control, every approval of the changed organisation and of every
/// organisation it controls (directly or down a chain) is decided again; those that no longer pass
/// are suspended. The same organisations may have moved to another corporate group, so conflicts of
/// interest (P4) are assessed again in every group they left or joined. Works on an in-memory map of
/// the registry so a change at the top of a large group costs one pass.
/// </summary>
public static class Reevaluation
{
    public static IReadOnlyList<EligibilityChange> AfterChange(
        Guid changedId, IReadOnlyDictionary<Guid, Organisation> registry, ControlPolicy policy, string by, DateTimeOffset now)
    {
        var entries = registry.Values.ToDictionary(o => o.Id, o => o.ToEntry());
        var controlled = registry.Values.Where(o => o.ControllerId is not null).ToLookup(o => o.ControllerId!.Value);
        var changes = new Dictionary<Guid, (List<string> Suspended, List<string> Reasons)>();
        var affectedGroups = new HashSet<Guid>();
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
            var before = organisation.GroupId;
            if (organisation.PlaceInGroup(chain[^1].Id))
            {
                affectedGroups.Add(before);
                affectedGroups.Add(organisation.GroupId);
                Note(changes, organisation, $"Now in the corporate group of {chain[^1].Describe()}.");
            }

            foreach (var application in organisation.Scopes.Where(a => a.Status == ApplicationStatus.Approved))
            {
                var decision = EligibilityRules.Decide(chain, application.Scope, policy);
                if (!decision.Eligible)
                {
                    application.Suspend(decision, by, now);
                    var noted = Note(changes, organisation, decision.Reason);
                    noted.Suspended.Add(application.Scope);
                }
                else if (application.RefreshFlags(decision))
                {
                    Note(changes, organisation, "Approvals stand; their flags changed.");
                }
            }
        }

        if (affectedGroups.Count > 0)
        {
            foreach (var group in registry.Values.Where(o => affectedGroups.Contains(o.GroupId)).GroupBy(o => o.GroupId))
            {
                foreach (var member in ConflictsOfInterest.Reassess([.. group]))
                {
                    Note(changes, member, member.ConflictOfInterest ?? "No longer in a conflict of interest (P4).");
                }
            }
        }

        return changes.Select(change => new EligibilityChange(registry[change.Key], change.Value.Suspended, string.Join(" ", change.Value.Reasons.Distinct()))).ToList();
    }

    private static (List<string> Suspended, List<string> Reasons) Note(
        Dictionary<Guid, (List<string> Suspended, List<string> Reasons)> changes, Organisation organisation, string reason)
    {
        if (!changes.TryGetValue(organisation.Id, out var change))
        {
            change = ([], []);
            changes[organisation.Id] = change;
        }

        change.Reasons.Add(reason);
        return change;
    }
}
