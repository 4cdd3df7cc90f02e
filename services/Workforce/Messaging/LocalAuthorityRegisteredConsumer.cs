using Platform.Workforce.Data;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Workforce.Messaging;

public sealed class LocalAuthorityRegisteredConsumer(WorkforceDbContext db, TimeProvider time)
    : LocalAuthorityDirectoryConsumer<WorkforceDbContext>(db, time);
