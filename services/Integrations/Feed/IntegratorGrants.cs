using System.Security.Claims;
using Platform.ServiceDefaults.Auth;

namespace Platform.Integrations.Feed;

/// <summary>
/// What an integrator's token lets it see: the authorities (its <c>la</c> claims) and the event types
/// (its <c>event_type</c> claims). None of a kind means all of it; an integrator held to authorities sees
/// no event that is about no authority.
/// </summary>
public sealed record IntegratorGrants(IReadOnlyList<string>? LocalAuthorities, IReadOnlyList<string>? EventTypes)
{
    public static IntegratorGrants Of(ClaimsPrincipal user)
    {
        var authorities = user.LocalAuthorities();
        var types = user.FindAll(PlatformClaims.EventType).Select(claim => claim.Value).ToList();
        return new IntegratorGrants(authorities.Count == 0 ? null : authorities, types.Count == 0 ? null : types);
    }

    /// <summary>Whether every type and authority asked for is within the grants (nothing asked: within them).</summary>
    public bool Covers(IEnumerable<string>? types, IEnumerable<string>? localAuthorities) =>
        (EventTypes is null || types?.Except(EventTypes, StringComparer.Ordinal).Any() != true)
        && (LocalAuthorities is null || localAuthorities?.Except(LocalAuthorities, StringComparer.Ordinal).Any() != true);

    public bool MaySee(string cloudEventType, string? localAuthority) =>
        (EventTypes is null || EventTypes.Contains(cloudEventType, StringComparer.Ordinal))
        && (LocalAuthorities is null || (localAuthority is not null && LocalAuthorities.Contains(localAuthority, StringComparer.Ordinal)));
}
