using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>
/// Tokens come from the identity service alone: signed with its published asymmetric keys, refused when
/// signed any other way, through the gateway and at every service directly; keys turn over without a restart.
/// </summary>
[Collection(nameof(Secured))]
public sealed class IdentityTests(SecuredPlatform secured)
{
    private RunningPlatform Platform => secured.Platform;

    [Fact]
    public async Task Tokens_are_RS256_signed_with_a_published_key_named_by_its_kid()
    {
        var token = new JsonWebToken(await secured.OperatorTokenAsync());
        token.Alg.ShouldBe("RS256");
        token.Issuer.ShouldBe(secured.Identity.ToString());
        token.Audiences.ShouldBe(["platform"]);
        token.GetClaim(PlatformClaims.Role).Value.ShouldBe(Roles.Operator);

        var keys = (await secured.KeysAsync()).GetProperty("keys").EnumerateArray().ToList();
        keys.ShouldContain(key => key.GetProperty("kid").GetString() == token.Kid);
        keys.ShouldAllBe(key => key.GetProperty("kty").GetString() == "RSA");
        keys.Where(key => key.TryGetProperty("d", out var privateExponent)).ShouldBeEmpty("no private part is published");
    }

    [Fact]
    public async Task A_genuine_token_is_accepted_by_the_gateway_and_every_service()
    {
        var answers = await secured.ProbeAllAsync(await secured.OperatorTokenAsync());
        answers.ShouldAllBe(answer => answer.Value == 200, string.Join(", ", answers));
    }

    [Fact]
    public async Task Tokens_signed_otherwise_are_refused_everywhere()
    {
        var genuine = await secured.OperatorTokenAsync();
        var forgeries = new Dictionary<string, string>
        {
            ["HS256 with a secret"] = TokenForgery.SignedWithSecret(genuine),
            ["RS256 with another key under the genuine kid"] = TokenForgery.SignedWithAnotherKey(genuine),
            ["alg none"] = TokenForgery.Unsigned(genuine),
            ["a claim changed after signing"] = TokenForgery.WithRaisedRole(await Platform.TokenAsync("security-council", Roles.Council, ["E08000025"])),
        };

        foreach (var (forgery, token) in forgeries)
        {
            var answers = await secured.ProbeAllAsync(token);
            answers.ShouldAllBe(answer => answer.Value == 401, $"{forgery}: {string.Join(", ", answers)}");
        }
    }

    [Fact]
    public async Task Keys_rotate_without_a_restart_and_tokens_signed_before_stay_valid()
    {
        // Another test's rotation (the authorization matrix makes one) may still be waiting out its lead: its key
        // would take over in the middle of this one. Start once the newest signing key is in use and signing.
        using var operatorClient = Platform.ClientAs("rotation-operator", Roles.Operator);
        var before = "";
        await Eventually.TrueAsync(async () =>
        {
            var signing = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/identity/keys")).EnumerateArray()
                .Where(key => key.GetProperty("purpose").GetString() == "signing").ToList();
            before = await secured.OperatorTokenAsync($"rotation-before-{Guid.NewGuid():N}");
            return signing.All(key => key.GetProperty("usable").GetBoolean())
                && new JsonWebToken(before).Kid == signing.MaxBy(key => key.GetProperty("notBefore").GetDateTimeOffset()).GetProperty("keyId").GetString();
        }, SecuredPlatform.KeyLead * 4, "a rotation made before this test to take effect");
        var oldKey = new JsonWebToken(before).Kid;

        var rotated = await operatorClient.PostAsync("/api/identity/keys/rotations", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.Created);
        var made = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var newKey = made.EnumerateArray().Single(key => key.GetProperty("purpose").GetString() == "signing").GetProperty("keyId").GetString()!;

        // Published before it is used, so validators hold it before the first token it signs.
        (await secured.KeysAsync()).GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).ShouldContain(newKey);
        new JsonWebToken(await secured.OperatorTokenAsync("rotation-during")).Kid.ShouldBe(oldKey);

        var after = "";
        await Eventually.TrueAsync(async () =>
        {
            after = await secured.OperatorTokenAsync($"rotation-after-{Guid.NewGuid():N}");
            return new JsonWebToken(after).Kid == newKey;
        }, SecuredPlatform.KeyLead * 4, "tokens to be signed with the new key");

        var answersAfter = await secured.ProbeAllAsync(after);
        answersAfter.ShouldAllBe(answer => answer.Value == 200, $"new key: {string.Join(", ", answersAfter)}");
        var answersBefore = await secured.ProbeAllAsync(before);
        answersBefore.ShouldAllBe(answer => answer.Value == 200, $"old key: {string.Join(", ", answersBefore)}");
        (await secured.KeysAsync()).GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).ShouldContain(oldKey);
    }

    [Fact]
    public async Task An_integrator_gets_a_token_by_client_credentials_carrying_its_grants()
    {
        using var operatorClient = Platform.ClientAs("integrators-operator", Roles.Operator);
        var created = await operatorClient.PostAsJsonAsync("/api/identity/clients", new
        {
            displayName = "Case system of a council", localAuthorities = new[] { "E08000026" }, eventTypes = new[] { "uk.gov.education.csc.inspection.published.v1" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = client.GetProperty("clientId").GetString()!;
        var secret = client.GetProperty("clientSecret").GetString()!;

        using var http = new HttpClient { BaseAddress = secured.Identity };
        var granted = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "platform",
        }));
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = new JsonWebToken((await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        token.Subject.ShouldBe(clientId);
        token.GetClaim(PlatformClaims.Role).Value.ShouldBe(Roles.Integrator);
        token.Claims.Where(claim => claim.Type == PlatformClaims.LocalAuthority).Select(claim => claim.Value).ShouldBe(["E08000026"]);
        token.Claims.Where(claim => claim.Type == PlatformClaims.EventType).Select(claim => claim.Value).ShouldBe(["uk.gov.education.csc.inspection.published.v1"]);

        var wrongSecret = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret + "x", ["scope"] = "platform",
        }));
        ((int)wrongSecret.StatusCode).ShouldBeInRange(400, 401);
        (await wrongSecret.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task Only_an_operator_keeps_users_clients_and_keys()
    {
        using var dfe = Platform.Client(Roles.Dfe);
        (await dfe.PutAsJsonAsync("/api/identity/users/someone-else", new { role = "dfe", password = "a long enough password" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await dfe.PostAsync("/api/identity/keys/rotations", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await dfe.PostAsJsonAsync("/api/identity/clients", new { displayName = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_is_refused_a_role_without_the_authority_it_needs()
    {
        using var operatorClient = Platform.ClientAs("users-operator", Roles.Operator);
        var refused = await operatorClient.PutAsJsonAsync("/api/identity/users/a-council-user", new { role = "council", localAuthorities = Array.Empty<string>(), password = "a long enough password" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("localAuthorities", out _).ShouldBeTrue();
    }
}
