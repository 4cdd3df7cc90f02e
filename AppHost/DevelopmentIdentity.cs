using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary>
/// Gets tokens from a development run's identity service, as a person would: the operator (whose
/// password the run generated) keeps a user for the role asked for, and the token is that user's,
/// from the password grant; an integrator's is a new client's, from the client credentials grant.
/// </summary>
public sealed class DevelopmentIdentity(Uri identity, DevelopmentSecrets secrets) : IDisposable
{
    public const string CommandLineClientId = "platform-cli";
    public const string Scope = "platform";

    private readonly HttpClient _http = new() { BaseAddress = identity, Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _subjects = new(StringComparer.Ordinal);
    private (string Token, DateTimeOffset Until)? _operator;

    /// <summary>A token for <paramref name="subject"/> in <paramref name="role"/>, acting for the authorities or provider given.</summary>
    public async Task<string> TokenForAsync(string subject, string role, IReadOnlyList<string> localAuthorities, Guid? providerId = null, CancellationToken cancellationToken = default)
    {
        if (role == Roles.Integrator)
        {
            return await IntegratorTokenAsync(subject, localAuthorities, cancellationToken);
        }

        // One user at a time per subject: the password set is the one the grant uses.
        var gate = _subjects.GetOrAdd(subject, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            await KeepUserAsync(subject, role, localAuthorities, providerId, password, cancellationToken);
            return await PasswordGrantAsync(subject, password, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes or changes the user <paramref name="subject"/>, who then signs in with <paramref name="password"/>.</summary>
    public async Task KeepUserAsync(string subject, string role, IReadOnlyList<string> localAuthorities, Guid? providerId, string password, CancellationToken cancellationToken = default)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/identity/users/{Uri.EscapeDataString(subject)}")
        {
            Content = JsonContent.Create(new { role, localAuthorities, providerId, password }),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorTokenAsync(cancellationToken));
        await EnsureSuccessAsync(await _http.SendAsync(put, cancellationToken), "keeping the user", cancellationToken);
    }

    public async Task<string> OperatorTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_operator is { } held && held.Until > DateTimeOffset.UtcNow)
        {
            return held.Token;
        }

        var token = await PasswordGrantAsync("operator", secrets.OperatorPassword, cancellationToken);
        _operator = (token, DateTimeOffset.UtcNow.AddMinutes(30));
        return token;
    }

    private async Task<string> IntegratorTokenAsync(string displayName, IReadOnlyList<string> localAuthorities, CancellationToken cancellationToken)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/identity/clients")
        {
            Content = JsonContent.Create(new { displayName, localAuthorities }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OperatorTokenAsync(cancellationToken));
        var response = await _http.SendAsync(post, cancellationToken);
        await EnsureSuccessAsync(response, "making the integrator's client", cancellationToken);
        var client = (await response.Content.ReadFromJsonAsync<NewClient>(cancellationToken))!;
        return await GrantAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["scope"] = Scope,
        }, cancellationToken);
    }

    private Task<string> PasswordGrantAsync(string username, string password, CancellationToken cancellationToken) =>
        GrantAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = CommandLineClientId,
            ["username"] = username,
            ["password"] = password,
            ["scope"] = Scope,
        }, cancellationToken);

    private async Task<string> GrantAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await _http.PostAsync("/connect/token", content, cancellationToken);
        await EnsureSuccessAsync(response, $"the {form["grant_type"]} grant", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken))!.AccessToken;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The identity service refused {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var gate in _subjects.Values)
        {
            gate.Dispose();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);

    private sealed record NewClient(string ClientId, string ClientSecret);
}
