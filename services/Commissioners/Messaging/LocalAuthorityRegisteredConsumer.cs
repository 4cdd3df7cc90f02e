using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Messaging;

/// <summary>Keeps the directory of authorities; an authority a reorganisation ended takes its open case with it (I3c).</summary>
public sealed class LocalAuthorityRegisteredConsumer(CommissionersDbContext db, TimeProvider time)
    : LocalAuthorityDirectoryConsumer<CommissionersDbContext>(db, time)
{
    protected override async Task ApplyAsync(LocalAuthorityRegistered message, CancellationToken cancellationToken)
    {
        await base.ApplyAsync(message, cancellationToken);
        var now = Time.GetUtcNow();
        if (message.EndedOn is not { } endedOn || endedOn >= DateOnly.FromDateTime(now.UtcDateTime))
        {
            return;
        }

        var ended = new Dictionary<string, (DateOnly, IReadOnlyList<string>)> { [message.LocalAuthority] = (endedOn, message.Successors) };
        await CaseChange.EndCasesOfEndedAuthoritiesAsync(Db, ended, now, cancellationToken);
    }
}
