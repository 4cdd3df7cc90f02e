using System.Security.Claims;
using Platform.Contracts.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Contracts.Api;

/// <summary>Councils see and change only their own contracts; providers see theirs; DfE sees all.</summary>
public static class ContractAccess
{
    public static bool MaySee(this ClaimsPrincipal user, Contract contract) =>
        user.MayAccessAuthority(contract.LocalAuthority) || user.IsProviderOf(contract.ProviderId);

    public static bool MayChange(this ClaimsPrincipal user, string localAuthority) =>
        user.IsInRole(Roles.Council) && user.LocalAuthorities().Contains(localAuthority, StringComparer.OrdinalIgnoreCase);

    public static bool IsProviderOf(this ClaimsPrincipal user, Guid providerId) =>
        user.Providers().Contains(providerId);

    /// <summary>The contracts the caller may see, as a filter on a query.</summary>
    public static IQueryable<Contract> VisibleTo(this IQueryable<Contract> contracts, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Dfe) || user.IsInRole(Roles.Ofsted))
        {
            return contracts;
        }

        var authorities = user.IsInRole(Roles.Council) || user.IsInRole(Roles.Commissioner) ? user.LocalAuthorities().ToList() : [];
        var providers = user.Providers();
        return contracts.Where(c => authorities.Contains(c.LocalAuthority) || providers.Contains(c.ProviderId));
    }
}
