using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.Identity.Data;
using Platform.Identity.Users;
using Platform.Messaging;
using Platform.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Clients;

/// <summary>
/// What the service holds before anyone has used it: the operator who adds everyone else, the command
/// line's client (where the password grant is allowed) and the dashboard's client, as configured.
/// Replicas starting together do this one after another.
/// </summary>
public sealed class IdentityBootstrap(IServiceScopeFactory scopes, IOptions<IdentityOptions> options) : IHostedService
{
    public const string OperatorSubject = "operator";
    public const string CommandLineClientId = "platform-cli";
    private const int BootstrapLockSpace = 0x4253;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var settings = options.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockAsync(BootstrapLockSpace, ["bootstrap"], cancellationToken);

        if (settings.OperatorPassword is { Length: > 0 } password)
        {
            await EnsureOperatorAsync(db, scope.ServiceProvider.GetRequiredService<Passwords>(), password, cancellationToken);
        }

        if (settings.AllowPasswordGrant)
        {
            await UpsertAsync(applications, new OpenIddictApplicationDescriptor
            {
                ClientId = CommandLineClientId,
                ClientType = ClientTypes.Public,
                DisplayName = "The platform's command line",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.Password,
                    Permissions.Prefixes.Scope + PlatformScopes.Api,
                },
            }, cancellationToken);
        }

        if (settings.Dashboard is { Secret: { Length: > 0 } secret, RedirectUris.Count: > 0 } dashboard)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = DashboardClientOptions.ClientId,
                ClientSecret = secret,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "The dashboard",
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Prefixes.Scope + PlatformScopes.Api,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            descriptor.RedirectUris.UnionWith(dashboard.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(dashboard.PostLogoutRedirectUris);

            await UpsertAsync(applications, descriptor, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task EnsureOperatorAsync(IdentityDbContext db, Passwords passwords, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == OperatorSubject, cancellationToken);
        if (user is not null && user.Role == Roles.Operator && passwords.Verify(user, password))
        {
            return;
        }

        user ??= db.Users.Add(new PlatformUser { Subject = OperatorSubject, Role = Roles.Operator }).Entity;
        user.Role = Roles.Operator;
        user.LocalAuthorities = [];
        user.ProviderId = null;
        passwords.Set(user, password);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A client as configured now: its secret and addresses follow the configuration across restarts.</summary>
    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
