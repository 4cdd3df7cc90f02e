using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Checks each bearer token once, not once per request: a token that passed validation is remembered by its
/// exact text until it expires, or for <see cref="MaximumAge"/> at most, and a request carrying it again gets
/// a copy of the identity it gave. A token that failed is never remembered, so a forged or altered token is
/// always checked in full. Tokens signed with a key the authority has since retired stay valid until they
/// expire in any case (the keys overlap); <see cref="MaximumAge"/> bounds how long a key withdrawn in haste
/// is still trusted.
/// </summary>
public sealed class ValidatedTokens(TokenHandler inner, TimeProvider time) : TokenHandler
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(5);

    /// <summary>Beyond this many callers' tokens at once the memory starts again (a flood of new tokens costs only their validation).</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(token, out var known))
        {
            if (known.Until > now)
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = known.Result.ClaimsIdentity.Clone(),
                    SecurityToken = known.Result.SecurityToken,
                    Issuer = known.Result.Issuer,
                    TokenType = known.Result.TokenType,
                };
            }

            _tokens.TryRemove(token, out _);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken.ValidTo is var expires && expires > now.UtcDateTime)
        {
            if (_tokens.Count >= Capacity)
            {
                _tokens.Clear();
            }

            var until = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
            _tokens[token] = new Validated(result, until < now + MaximumAge ? until : now + MaximumAge);
        }

        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);
}
