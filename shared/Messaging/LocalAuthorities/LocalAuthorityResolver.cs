using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.LocalAuthorities;

/// <summary>
/// Finds the authority a published row means from the codes it gives (I3c): a GSS code, a DfE LA
/// number or both, old or current. When the two name different authorities, the LA number of a
/// current authority wins; an ended authority named on a row dated after its end stands for its
/// successor (the summary sheet still carries Buckinghamshire County Council's code for today's
/// Buckinghamshire). Whatever is read differently from what the row says is told in a note.
/// </summary>
public sealed class LocalAuthorityResolver
{
    private readonly Dictionary<string, KnownLocalAuthority> _byGss;
    private readonly Dictionary<string, KnownLocalAuthority> _currentByLaNumber;
    private readonly Dictionary<string, KnownLocalAuthority> _endedByLaNumber;

    public LocalAuthorityResolver(IEnumerable<KnownLocalAuthority> directory)
    {
        var authorities = directory.ToList();
        _byGss = authorities.ToDictionary(known => known.Gss, StringComparer.OrdinalIgnoreCase);
        _currentByLaNumber = ByLaNumber(authorities.Where(known => known.IsCurrent));
        _endedByLaNumber = ByLaNumber(authorities.Where(known => !known.IsCurrent).OrderByDescending(known => known.EndedOn));
    }

    public static async Task<LocalAuthorityResolver> LoadAsync(MessagingDbContext db, CancellationToken cancellationToken) =>
        new(await db.Set<KnownLocalAuthority>().AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The authority of that GSS code, current or ended, if it is known.</summary>
    public KnownLocalAuthority? Find(string gss) => _byGss.GetValueOrDefault(gss);

    /// <param name="gss">The row's GSS code, if any.</param>
    /// <param name="laNumber">The row's DfE LA number, if any.</param>
    /// <param name="asOf">The day the row speaks of (publication date, census date), if it has one.</param>
    public AuthorityResolution Resolve(string? gss, string? laNumber, DateOnly? asOf = null)
    {
        gss = Given(gss);
        laNumber = Given(laNumber);
        if (gss is null && laNumber is null)
        {
            return AuthorityResolution.Refused("Neither a GSS code nor an LA number identifies the authority.");
        }

        var byGss = gss is null ? null : _byGss.GetValueOrDefault(gss);
        var byNumber = laNumber is null ? null : _currentByLaNumber.GetValueOrDefault(laNumber) ?? _endedByLaNumber.GetValueOrDefault(laNumber);
        if (byGss is null && byNumber is null)
        {
            return AuthorityResolution.Refused(gss is null
                ? $"LA number '{laNumber}' is not a registered local authority."
                : $"'{gss}' is not a registered local authority.");
        }

        var notes = new List<string>();
        KnownLocalAuthority chosen;
        if (byGss is not null && (laNumber is null || byGss.LaNumber == laNumber))
        {
            chosen = byGss;
        }
        else if (byNumber is not null)
        {
            chosen = byNumber;
            if (gss is not null)
            {
                notes.Add(byGss is null
                    ? $"GSS code {gss} is not known; LA number {laNumber} is {Describe(chosen)}."
                    : $"The codes disagree: {gss} is {Describe(byGss)}, LA number {laNumber} is {Describe(chosen)}; the LA number is used.");
            }
        }
        else
        {
            chosen = byGss!;
            notes.Add($"LA number {laNumber} is not known; {gss} is {Describe(chosen)}.");
        }

        if (chosen.EndedOn is { } ended && asOf > ended)
        {
            var successors = chosen.Successors.Select(Find).OfType<KnownLocalAuthority>().Where(known => known.IsCurrent).ToList();
            var successor = successors.Count == 1 ? successors[0] : successors.FirstOrDefault(known => known.LaNumber == laNumber);
            if (successor is null)
            {
                return AuthorityResolution.Refused(
                    $"{Describe(chosen)} ended on {ended:yyyy-MM-dd}; a row dated {asOf:yyyy-MM-dd} must name which of its successors ({string.Join(", ", chosen.Successors)}) it is about.");
            }

            notes.Add($"{Describe(chosen)} ended on {ended:yyyy-MM-dd}: the row, dated {asOf:yyyy-MM-dd}, is read as its successor {Describe(successor)}.");
            chosen = successor;
        }

        return new AuthorityResolution(chosen.Gss, notes.Count == 0 ? null : string.Join(" ", notes), null);
    }

    private static string Describe(KnownLocalAuthority authority) =>
        $"{authority.Name} ({authority.Gss}, LA {authority.LaNumber}{(authority.IsCurrent ? "" : $", ended {authority.EndedOn:yyyy-MM-dd}")})";

    private static string? Given(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();

    private static Dictionary<string, KnownLocalAuthority> ByLaNumber(IEnumerable<KnownLocalAuthority> authorities)
    {
        var byNumber = new Dictionary<string, KnownLocalAuthority>(StringComparer.Ordinal);
        foreach (var authority in authorities)
        {
            byNumber.TryAdd(authority.LaNumber, authority);
        }

        return byNumber;
    }
}

/// <summary>The authority a row means, what was read differently from what it says, or why it names none.</summary>
public sealed record AuthorityResolution(string? LocalAuthority, string? Note, string? Error)
{
    public static AuthorityResolution Refused(string error) => new(null, null, error);
}
