using Platform.Messaging.Events;
using Platform.Providers.Domain.Registry;

namespace Platform.Providers.Domain;

/// <summary>
/// The events that tell other services what the registry holds, built in one place for when it changes
/// and for when a service catches up (<see cref="CatchUpRequested"/>).
/// </summary>
public static class RegistryAnnouncements
{
    public static LocalAuthorityRegistered Of(LocalAuthority authority, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        LocalAuthority = authority.Gss,
        LaNumber = authority.LaNumber,
        Name = authority.Name,
        Region = authority.RegionName,
        StatisticalNeighbours = authority.StatisticalNeighbours,
    };

    /// <param name="region">Its area is now its successors': the region they lie in.</param>
    public static LocalAuthorityRegistered Of(EndedLocalAuthority ended, string region, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        LocalAuthority = ended.Gss,
        LaNumber = ended.LaNumber,
        Name = ended.Name,
        Region = region,
        EndedOn = ended.EndedOn,
        Successors = ended.Successors,
    };

    public static TrustEstablished Of(TrustRegistration registration, Organisation trust, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        ProviderId = trust.Id,
        Name = trust.Name,
        LocalAuthority = registration.LocalAuthority,
        OperatingFrom = registration.OperatingFrom ?? throw new InvalidOperationException("A trust is established once it operates."),
    };

    public static TrustServiceEnded Ended(TrustRegistration registration, DateTimeOffset now) => new()
    {
        OccurredAt = now,
        ProviderId = registration.TrustId ?? throw new InvalidOperationException("Only an established trust stops serving."),
        LocalAuthority = registration.LocalAuthority,
        LastDay = registration.ServedUntil ?? throw new InvalidOperationException("A trust that stopped serving has a last day."),
        Reason = registration.EndReason ?? "",
    };
}
