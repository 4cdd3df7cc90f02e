using Platform.Messaging;

namespace Platform.Providers.Data;

/// <summary>
/// A registrar's decision reads the organisation's whole chain of control and a change re-evaluates
/// everything the changed organisation controls: decided at once, an approval could rest on a legal
/// form or controller that a concurrent change replaces, and the for-profit ban would not hold. Both
/// take the registry's one advisory lock inside their transaction, so they happen one after the other
/// in every replica; they are the registrar's few actions, not a load to spread.
/// </summary>
public static class RegistryLock
{
    private const int RegistryLockSpace = 0x5245;

    public static Task LockRegistryAsync(this ProvidersDbContext db, CancellationToken cancellationToken) =>
        db.LockAsync(RegistryLockSpace, ["registry"], cancellationToken);
}
