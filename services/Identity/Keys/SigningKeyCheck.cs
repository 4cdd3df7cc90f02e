using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Identity.Keys;

/// <summary>The service is ready only while a signing key is in use: without one it could issue no token.</summary>
public sealed class SigningKeyCheck(KeyRing ring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ring.CanSign ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No signing key is in use."));
}
