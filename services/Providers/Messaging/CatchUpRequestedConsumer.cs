using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.Inbox;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.Providers.Domain.Registry;

namespace Platform.Providers.Messaging;

/// <summary>
/// A service with a new database asked to catch up: every authority (current and ended), every
/// operating trust and every provider's standing is announced again, through the outbox like any change.
/// Each fact keeps its revision or version, so a service that holds it already changes nothing.
/// </summary>
public sealed class CatchUpRequestedConsumer(ProvidersDbContext db, TimeProvider time)
    : IdempotentConsumer<CatchUpRequested, ProvidersDbContext>(db, time)
{
    protected override async Task ApplyAsync(CatchUpRequested message, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var current = await Db.LocalAuthorities.AsNoTracking().ToDictionaryAsync(authority => authority.Gss, cancellationToken);
        foreach (var authority in current.Values)
        {
            Db.AddEvent(RegistryAnnouncements.Of(authority, now));
        }

        foreach (var ended in await Db.EndedLocalAuthorities.AsNoTracking().ToListAsync(cancellationToken))
        {
            var region = ended.Successors.Select(successor => current.GetValueOrDefault(successor)?.RegionName).FirstOrDefault(name => name is not null);
            Db.AddEvent(RegistryAnnouncements.Of(ended, region ?? "", now));
        }

        var providers = await Db.Organisations.AsNoTracking().Where(organisation => organisation.Type != LegalForm.LocalAuthority).ToListAsync(cancellationToken);
        foreach (var provider in providers)
        {
            Db.AddEvent(EligibilitySnapshot.Again(provider, $"Announced again for {message.Service}, which is catching up.", now));
        }

        var trusts = providers.ToDictionary(provider => provider.Id);
        var established = await Db.TrustRegistrations.AsNoTracking()
            .Where(registration => registration.Status != TrustRegistrationStatus.Requested && registration.TrustId != null)
            .ToListAsync(cancellationToken);
        foreach (var registration in established.Where(registration => trusts.ContainsKey(registration.TrustId!.Value)))
        {
            // The start and then the end, one subject, so a catching-up reader applies them in that order.
            Db.AddEvent(RegistryAnnouncements.Of(registration, trusts[registration.TrustId!.Value], now));
            if (registration.Status == TrustRegistrationStatus.Ended)
            {
                Db.AddEvent(RegistryAnnouncements.Ended(registration, now));
            }
        }
    }
}
