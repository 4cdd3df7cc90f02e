using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway.Dashboard;

/// <summary>Bound from <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// How long a complete dashboard answer is served again before the services are asked anew; every
    /// answer says when it was made. Zero turns the cache off.
    /// </summary>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps complete dashboard answers for a few seconds, shared by callers with the same rights, so
/// many readers of the same page cost one fan-out to the services. Concurrent misses for one key wait
/// for the same fan-out. An answer with a section unavailable is not kept: the page recovers as soon
/// as the service does.
/// </summary>
public sealed class DashboardCache(IMemoryCache cache, IOptions<DashboardOptions> options)
{
    public async Task<T?> GetAsync<T>(string key, ClaimsPrincipal user, Func<Task<T?>> compose, Func<T, bool> isComplete)
        where T : class
    {
        var freshness = options.Value.Freshness;
        if (freshness <= TimeSpan.Zero)
        {
            return await compose();
        }

        var entryKey = $"{key}|{RightsOf(user)}";
        var pending = cache.GetOrCreate(entryKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = freshness;
            return new Lazy<Task<T?>>(compose);
        })!;
        try
        {
            var answer = await pending.Value;
            if (answer is null || !isComplete(answer))
            {
                cache.Remove(entryKey);
            }

            return answer;
        }
        catch
        {
            cache.Remove(entryKey);
            throw;
        }
    }

    /// <summary>What the services decide access by: role, authorities and provider.</summary>
    private static string RightsOf(ClaimsPrincipal user) =>
        string.Join(';', user.FindAll(claim => claim.Type is PlatformClaims.Role or PlatformClaims.LocalAuthority or PlatformClaims.Provider || claim.Type == ClaimTypes.Role)
            .Select(claim => $"{claim.Type}={claim.Value}").Order(StringComparer.Ordinal));
}
