using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>
/// A token validated in full signs later requests carrying exactly the same text in at once, with a copy of
/// the principal it gave, until it expires or <see cref="ValidatedTokens.MaximumAge"/> passes; anything else
/// goes to the bearer handler's full validation.
/// </summary>
public sealed class ValidatedTokensTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuthenticationScheme Bearer = new(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));

    private readonly MovableTime _time = new(Start);
    private readonly ValidatedTokens _tokens;

    public ValidatedTokensTests() => _tokens = new ValidatedTokens(_time);

    [Fact]
    public async Task A_token_validated_once_signs_the_next_request_in_with_a_copy_of_its_principal()
    {
        var token = Token(expires: Start.AddHours(1));
        var validated = Validated(token, Principal("council-user", Roles.Council));
        _tokens.Remember(validated);

        var next = await MessageReceivedAsync($"Bearer {token.EncodedToken}");

        next.Result.ShouldNotBeNull();
        next.Result.Succeeded.ShouldBeTrue();
        next.Result.Principal!.FindFirst("sub")!.Value.ShouldBe("council-user");
        next.Result.Principal.IsInRole(Roles.Council).ShouldBeTrue();
        next.Result.Principal.ShouldNotBeSameAs(validated.Principal, "each request gets its own copy");
        next.Result.Properties!.ExpiresUtc.ShouldBe(Start.AddHours(1));
        next.Result.Ticket!.AuthenticationScheme.ShouldBe(JwtBearerDefaults.AuthenticationScheme);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task A_request_without_a_known_bearer_token_is_left_to_the_handler(string? authorization)
    {
        _tokens.Remember(Validated(Token(expires: Start.AddHours(1)), Principal("someone", Roles.Dfe)));

        (await MessageReceivedAsync(authorization)).Result.ShouldBeNull();
    }

    [Fact]
    public async Task A_token_differing_by_one_character_is_validated_in_full()
    {
        var token = Token(expires: Start.AddHours(1));
        _tokens.Remember(Validated(token, Principal("council-user", Roles.Council)));
        var altered = token.EncodedToken[..^1] + (token.EncodedToken[^1] == 'A' ? 'B' : 'A');

        (await MessageReceivedAsync($"Bearer {altered}")).Result.ShouldBeNull();
    }

    [Fact]
    public async Task A_token_is_trusted_from_memory_no_longer_than_the_maximum_age_nor_past_its_expiry()
    {
        var longLived = Token(expires: Start.AddHours(1));
        var shortLived = Token(expires: Start.AddMinutes(2));
        _tokens.Remember(Validated(longLived, Principal("a", Roles.Dfe)));
        _tokens.Remember(Validated(shortLived, Principal("b", Roles.Dfe)));

        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        (await MessageReceivedAsync($"Bearer {shortLived.EncodedToken}")).Result.ShouldBeNull("past its expiry");
        (await MessageReceivedAsync($"Bearer {longLived.EncodedToken}")).Result!.Succeeded.ShouldBeTrue();

        _time.Advance(ValidatedTokens.MaximumAge);
        (await MessageReceivedAsync($"Bearer {longLived.EncodedToken}")).Result.ShouldBeNull("validated again after the maximum age");
    }

    [Fact]
    public async Task An_expired_token_is_not_remembered()
    {
        var expired = Token(expires: Start.AddMinutes(-1));
        _tokens.Remember(Validated(expired, Principal("late", Roles.Dfe)));

        (await MessageReceivedAsync($"Bearer {expired.EncodedToken}")).Result.ShouldBeNull();
    }

    private async Task<MessageReceivedContext> MessageReceivedAsync(string? authorization)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var context = new MessageReceivedContext(http, Bearer, new JwtBearerOptions());
        await _tokens.SignInIfKnown(context);
        return context;
    }

    private static TokenValidatedContext Validated(JsonWebToken token, ClaimsPrincipal principal)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token.EncodedToken}";
        return new TokenValidatedContext(http, Bearer, new JwtBearerOptions()) { Principal = principal, SecurityToken = token };
    }

    private static JsonWebToken Token(DateTimeOffset expires) =>
        new(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = expires.UtcDateTime.AddHours(-2),
            NotBefore = expires.UtcDateTime.AddHours(-2),
            Expires = expires.UtcDateTime,
        }));

    private static ClaimsPrincipal Principal(string subject, string role) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim(PlatformClaims.Role, role)], "Bearer", "sub", PlatformClaims.Role));
}
