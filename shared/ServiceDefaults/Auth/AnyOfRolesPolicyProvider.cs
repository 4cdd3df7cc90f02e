using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Builds a policy named by <see cref="Policies.AnyOf"/> ("council-or-registrar") when an endpoint
/// first asks for it, so no service keeps a list of the role combinations its endpoints use. A name
/// with a role the platform does not have is no policy at all, as any unknown policy name is.
/// </summary>
public sealed class AnyOfRolesPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (await base.GetPolicyAsync(policyName) is { } declared)
        {
            return declared;
        }

        var roles = policyName.Split(Policies.Separator);
        return roles.Length > 1 && roles.All(Roles.All.Contains)
            ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build()
            : null;
    }
}
