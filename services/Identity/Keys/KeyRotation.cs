using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Identity.Data;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Identity.Keys;

/// <summary>
/// Keeps a key of each purpose in use and the next one published ahead of its time, drops keys whose
/// tokens have all expired, and reads the ring again: at start and every refresh interval, in every replica.
/// </summary>
public sealed class KeyRotation(IServiceScopeFactory scopes, KeyRing ring, IOptions<KeyRingOptions> options, TimeProvider time, ILogger<KeyRotation> logger)
    : PeriodicCheck(time, options.Value.RefreshInterval, logger)
{
    /// <summary>The advisory lock space of decisions about keys.</summary>
    private const int KeysLockSpace = 0x4b59;

    private KeyRingOptions Settings => options.Value;

    /// <summary>The ring is read before the service answers its first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var changed = await ChangeKeysAsync(ScheduledChanges, cancellationToken);
        await ring.RefreshAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Makes a new key of each purpose now, used from one lead from now (a suspected leak, or a test):
    /// tokens signed with the keys before stay valid until they expire.
    /// </summary>
    public async Task<IReadOnlyList<StoredKey>> RotateNowAsync(CancellationToken cancellationToken)
    {
        var made = new List<StoredKey>();
        await ChangeKeysAsync((db, now, _) =>
        {
            foreach (var purpose in Enum.GetValues<KeyPurpose>())
            {
                made.Add(NewKey(db, purpose, now + Settings.Lead, now));
            }

            return Task.FromResult(made.Count);
        }, cancellationToken);
        await ring.RefreshAsync(cancellationToken);
        return made;
    }

    private async Task<int> ScheduledChanges(IdentityDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await db.Keys.Where(key => key.NotAfter <= now).ExecuteDeleteAsync(cancellationToken);
        foreach (var purpose in Enum.GetValues<KeyPurpose>())
        {
            var newest = await db.Keys.Where(key => key.Purpose == purpose).OrderByDescending(key => key.NotBefore).FirstOrDefaultAsync(cancellationToken);
            if (newest is null)
            {
                // The first key: nobody holds a token yet, so it is used at once.
                NewKey(db, purpose, now, now);
                changed++;
            }
            else if (now >= newest.NotBefore + Settings.RotationInterval - Settings.Lead)
            {
                var takesOver = newest.NotBefore + Settings.RotationInterval;
                NewKey(db, purpose, takesOver > now + Settings.Lead ? takesOver : now + Settings.Lead, now);
                changed++;
            }
        }

        return changed;
    }

    private StoredKey NewKey(IdentityDbContext db, KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset now)
    {
        // Kept for a whole interval of use and then the retention, by when every token it signed has expired.
        var key = KeyMaker.Make(purpose, notBefore, notBefore + Settings.RotationInterval + Settings.Retention, Settings.Password, now);
        db.Keys.Add(key);
        return key;
    }

    /// <summary>One decision about keys at a time across replicas, committed before the ring is read again.</summary>
    private async Task<int> ChangeKeysAsync(Func<IdentityDbContext, DateTimeOffset, CancellationToken, Task<int>> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockAsync(KeysLockSpace, ["keys"], cancellationToken);
        var changed = await change(db, Time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
