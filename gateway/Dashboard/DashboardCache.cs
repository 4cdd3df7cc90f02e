using System.Security.Claims;
using Microsoft.Extensions.Caching.Hybrid;
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
/// Keeps complete dashboard answers for a few seconds in <see cref="HybridCache"/>, shared by callers with
/// the same rights, so many readers of the same page cost one fan-out to the services; concurrent misses
/// for one key wait for the same fan-out (HybridCache's stampede protection). An answer with a section
/// unavailable is not kept: the page recovers as soon as the service does. Answers are immutable records
/// (<see cref="System.ComponentModel.ImmutableObjectAttribute"/>), so the cache hands out the instance it holds.
/// </summary>
public sealed class DashboardCache(HybridCache cache, IOptions<DashboardOptions> options)
{
    public async Task<T?> GetAsync<T>(string key, ClaimsPrincipal user, Func<Task<T?>> compose, Func<T, bool> isComplete)
        where T : class
    {
        var freshness = options.Value.Freshness;
        if (freshness <= TimeSpan.Zero)
        {
            return await compose();
        }

        T? incomplete = null;
        try
        {
            return await cache.GetOrCreateAsync(
                $"dashboard|{key}|{RightsOf(user)}",
                async _ =>
                {
                    var answer = await compose();
                    if (answer is null || !isComplete(answer))
                    {
                        incomplete = answer;
                        throw new IncompleteAnswerException();
                    }

                    return answer;
                },
                new HybridCacheEntryOptions { Expiration = freshness, LocalCacheExpiration = freshness },
                cancellationToken: CancellationToken.None);
        }
        catch (IncompleteAnswerException)
        {
            // The caller whose fan-out it was has the answer; one that waited on it composes its own.
            return incomplete ?? await compose();
        }
    }

    /// <summary>What the services decide access by: role, authorities and provider.</summary>
    private static string RightsOf(ClaimsPrincipal user) =>
        string.Join(';', user.FindAll(claim => claim.Type is PlatformClaims.Role or PlatformClaims.LocalAuthority or PlatformClaims.Provider || claim.Type == ClaimTypes.Role)
            .Select(claim => $"{claim.Type}={claim.Value}").Order(StringComparer.Ordinal));

    /// <summary>Keeps an incomplete answer out of the cache: HybridCache stores whatever its factory returns.</summary>
    private sealed class IncompleteAnswerException : Exception;
}
