namespace Platform.Workforce.Domain;

/// <summary>
/// Each authority's census per year among the latest versions of the returns: its own return, or
/// the joint return that covers it (W7). An authority's own return is preferred to a joint one.
/// </summary>
public sealed class AuthorityReturns
{
    private readonly Dictionary<(string Authority, int Year), WorkforceReturn> _byAuthorityYear = [];

    public AuthorityReturns(IEnumerable<WorkforceReturn> latest)
    {
        foreach (var workforceReturn in latest)
        {
            foreach (var authority in workforceReturn.Covers)
            {
                var key = (authority, workforceReturn.CensusYear);
                if (!_byAuthorityYear.TryGetValue(key, out var held) || (held.LocalAuthority != authority && workforceReturn.LocalAuthority == authority))
                {
                    _byAuthorityYear[key] = workforceReturn;
                }
            }
        }
    }

    public WorkforceReturn? For(string authority, int censusYear) => _byAuthorityYear.GetValueOrDefault((authority, censusYear));

    /// <summary>The authority's census of every year it has one, oldest first.</summary>
    public IEnumerable<WorkforceReturn> Of(string authority) =>
        _byAuthorityYear.Where(entry => entry.Key.Authority == authority).OrderBy(entry => entry.Key.Year).Select(entry => entry.Value);

    /// <summary>Each authority's latest census.</summary>
    public IEnumerable<(string Authority, WorkforceReturn Return)> Latest() =>
        _byAuthorityYear.GroupBy(entry => entry.Key.Authority)
            .Select(years => (years.Key, years.MaxBy(entry => entry.Key.Year).Value));
}
