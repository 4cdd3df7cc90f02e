using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using Platform.Identity.Users;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Clients;

/// <summary>
/// Integrators' clients, kept by an operator: each gets a client id and a secret (shown once) for the
/// client credentials grant, and grants (the authorities and event types it may see) its tokens carry.
/// </summary>
public static class ClientsApi
{
    public const int MaxDisplayNameLength = 200;

    public static void MapClientsApi(this WebApplication app)
    {
        var clients = app.MapGroup("/api/identity/clients").RequireAuthorization(Roles.Operator).WithTags("Clients");
        clients.MapPost("/", CreateAsync);
        clients.MapDelete("/{clientId}", DeleteAsync);
    }

    private static async Task<Results<Created<NewClient>, ValidationProblem>> CreateAsync(
        ClientRequest request, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.DisplayName, "displayName") && request.DisplayName!.Length > MaxDisplayNameLength)
        {
            validation.Add("displayName", $"'displayName' is at most {MaxDisplayNameLength} characters.");
        }

        UserGrants.Check(validation, Roles.Integrator, request.LocalAuthorities, providerId: null);
        UserGrants.CheckEventTypes(validation, request.EventTypes);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var clientId = $"integrator-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var grants = new ClientGrants(
            Roles.Integrator, [.. (request.LocalAuthorities ?? []).Distinct(StringComparer.Ordinal)], [.. (request.EventTypes ?? []).Distinct(StringComparer.Ordinal)]);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + PlatformScopes.Api,
            },
        };
        grants.WriteTo(descriptor);
        await applications.CreateAsync(descriptor, cancellationToken);
        return TypedResults.Created($"/api/identity/clients/{clientId}", new NewClient(clientId, secret, request.DisplayName!, grants.LocalAuthorities, grants.EventTypes ?? []));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        // Only integrators' clients are kept here; the dashboard's and the command line's are the service's own.
        var client = clientId.StartsWith("integrator-", StringComparison.Ordinal) ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;
        if (client is null)
        {
            return NotFoundProblem.For($"No integrator client '{clientId}'.");
        }

        try
        {
            await applications.DeleteAsync(client, cancellationToken);
        }
        catch (Exception raced) when (LostToAConcurrentDelete(raced))
        {
            // Deleted by another request between the read and the delete: gone either way.
            return NotFoundProblem.For($"No integrator client '{clientId}'.");
        }

        return TypedResults.NoContent();
    }

    /// <summary>OpenIddict's concurrency failure, or PostgreSQL's serialization failure under the store's transaction (40001), anywhere in the chain.</summary>
    private static bool LostToAConcurrentDelete(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OpenIddictExceptions.ConcurrencyException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException
                or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}

/// <param name="EventTypes">CloudEvents types the client may see (none: every type).</param>
public sealed record ClientRequest(string? DisplayName, IReadOnlyList<string>? LocalAuthorities, IReadOnlyList<string>? EventTypes = null);

/// <summary>A new client: the secret is shown here once and kept only as a hash.</summary>
public sealed record NewClient(string ClientId, string ClientSecret, string DisplayName, IReadOnlyList<string> LocalAuthorities, IReadOnlyList<string> EventTypes);
