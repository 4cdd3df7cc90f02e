using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Domain;

/// <summary>An authority that could take over another's services (T3), and why it is suggested.</summary>
public sealed record PartnerSuggestion(int Rank, string LocalAuthority, string Name, string LatestGrade, DateOnly LatestPublished, string Reason);

/// <summary>
/// T6: candidates for a takeover are authorities whose latest overall grade is good or outstanding,
/// statistical neighbours first (in their published order), then the same region (best grade, then
/// most recent first); never the authority itself, nor one under intervention.
/// </summary>
public static class PartnerSuggestions
{
    public static IReadOnlyList<PartnerSuggestion> Rank(
        KnownLocalAuthority subject,
        IEnumerable<KnownLocalAuthority> authorities,
        IReadOnlyDictionary<string, JudgementRecord> latestGraded,
        IReadOnlySet<string> underIntervention)
    {
        var all = authorities.ToList();
        var byNumber = all.ToDictionary(la => la.LaNumber);

        bool Eligible(KnownLocalAuthority la) =>
            la.Gss != subject.Gss
            && !underIntervention.Contains(la.Gss)
            && latestGraded.TryGetValue(la.Gss, out var latest)
            && latest.Overall is "good" or "outstanding";

        var suggestions = new List<(KnownLocalAuthority Authority, string Reason)>();
        var neighbours = subject.StatisticalNeighbours
            .Select((number, index) => (Number: number, Position: index + 1))
            .Where(neighbour => byNumber.ContainsKey(neighbour.Number))
            .Select(neighbour => (Authority: byNumber[neighbour.Number], neighbour.Position))
            .DistinctBy(neighbour => neighbour.Authority.Gss)
            .ToList();
        foreach (var (authority, position) in neighbours.Where(neighbour => Eligible(neighbour.Authority)))
        {
            suggestions.Add((authority, $"statistical neighbour {position} of {subject.Name}"));
        }

        var regional = all
            .Where(la => la.Region == subject.Region && Eligible(la) && suggestions.All(s => s.Authority.Gss != la.Gss))
            .OrderBy(la => latestGraded[la.Gss].Overall == "outstanding" ? 0 : 1)
            .ThenByDescending(la => latestGraded[la.Gss].PublicationDate)
            .ThenBy(la => la.Name, StringComparer.Ordinal);
        suggestions.AddRange(regional.Select(la => (la, $"in the same region ({subject.Region})")));

        return suggestions.Select((suggestion, index) =>
        {
            var latest = latestGraded[suggestion.Authority.Gss];
            return new PartnerSuggestion(
                index + 1,
                suggestion.Authority.Gss,
                suggestion.Authority.Name,
                latest.Overall!,
                latest.PublicationDate,
                $"{suggestion.Reason}; rated {latest.Overall} ({latest.PublicationDate:yyyy-MM-dd}); not under intervention.");
        }).ToList();
    }
}
