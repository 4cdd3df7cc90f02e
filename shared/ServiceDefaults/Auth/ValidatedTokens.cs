using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Checks each bearer token once, not once per request: a token that passed validation is remembered by its
/// exact text with the principal it gave (claims already in the platform's terms) until it expires, or for
/// <see cref="MaximumAge"/> at most, and a request carrying it again is signed in with a copy of that principal
/// before the bearer handler prepares a validation at all. A token that failed is never remembered, so a
/// forged or altered token is always checked in full. Tokens signed with a key the authority has since retired
/// stay valid until they expire in any case (the keys overlap); <see cref="MaximumAge"/> bounds how long a key
/// withdrawn in haste is still trusted.
/// </summary>
public sealed class ValidatedTokens
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(5);

    /// <summary>Beyond this many callers' tokens at once the memory starts again (a flood of new tokens costs only their validation).</summary>
    private const int Capacity = 10_000;

    private const string Scheme = "Bearer ";

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Validated>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public ValidatedTokens(TimeProvider time)
    {
        _time = time;
        _byText = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The bearer handler's first step: a token validated before signs the request in at once.</summary>
    public Task SignInIfKnown(MessageReceivedContext context)
    {
        // Looked up by the header's own characters: no string is made for a request whose token is known.
        var token = TokenOf(context.Request);
        if (_byText.TryGetValue(token, out var known))
        {
            if (known.Until > _time.GetUtcNow())
            {
                context.Principal = known.Principal.Clone();
                context.Properties.ExpiresUtc = known.Expires;
                context.Success();
            }
            else
            {
                _byText.TryRemove(token, out _);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The bearer handler's last step for a token it has validated in full: remembers the principal it gave.</summary>
    public void Remember(TokenValidatedContext context)
    {
        var expires = context.SecurityToken.ValidTo;
        var token = TokenOf(context.Request);
        if (context.Principal is not { } principal || token.IsEmpty || expires == DateTime.MinValue)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
        if (expiresAt <= now)
        {
            return;
        }

        if (_tokens.Count >= Capacity)
        {
            _tokens.Clear();
        }

        _tokens[token.ToString()] = new Validated(principal.Clone(), expiresAt, expiresAt < now + MaximumAge ? expiresAt : now + MaximumAge);
    }

    /// <summary>The token as the bearer handler reads it (the Authorization header's value after <c>Bearer </c>, trimmed); empty when there is none.</summary>
    private static ReadOnlySpan<char> TokenOf(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        return authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? value.AsSpan(Scheme.Length).Trim()
            : [];
    }

    private sealed record Validated(ClaimsPrincipal Principal, DateTimeOffset Expires, DateTimeOffset Until);
}
