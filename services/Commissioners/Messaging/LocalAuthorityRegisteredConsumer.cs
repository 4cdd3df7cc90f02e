using Platform.Commissioners.Data;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Messaging;

public sealed class LocalAuthorityRegisteredConsumer(CommissionersDbContext db, TimeProvider time)
    : LocalAuthorityDirectoryConsumer<CommissionersDbContext>(db, time);
