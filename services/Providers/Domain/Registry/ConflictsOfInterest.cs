namespace Platform.Providers.Domain.Registry;

/// <summary>
/// P4: an organisation that finds placements for looked-after children must not be in the same
/// corporate group (the organisations under one ultimate controller, P3) as a provider of those
/// placements. Flagged at registration, re-checked when ownership changes, refused at contract award.
/// </summary>
public static class ConflictsOfInterest
{
    public const string Flag = "conflict-of-interest";

    public const string FindsPlacements = "finds-placements";

    public const string ProvidesPlacements = "provides-placements";

    public static readonly IReadOnlyList<string> PlacementRoles = [FindsPlacements, ProvidesPlacements];

    /// <summary>The conflict <paramref name="member"/> is in within its group, or null.</summary>
    public static string? Assess(Organisation member, IReadOnlyCollection<Organisation> group)
    {
        if (!member.PlacementRoles.Contains(FindsPlacements))
        {
            return null;
        }

        var providers = group.Where(o => o.PlacementRoles.Contains(ProvidesPlacements)).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        if (providers.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", providers.Select(o => o.Id == member.Id ? "itself" : o.Name));
        return $"{member.Name} finds placements for looked-after children and its corporate group provides them ({named}) (P4).";
    }

    /// <summary>Assesses every member of one group again; returns those whose conflict changed.</summary>
    public static IReadOnlyList<Organisation> Reassess(IReadOnlyCollection<Organisation> group) =>
        group.Where(member => member.AssessConflict(Assess(member, group))).ToList();
}
