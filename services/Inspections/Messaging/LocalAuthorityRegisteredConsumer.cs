using Platform.Inspections.Data;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Inspections.Messaging;

public sealed class LocalAuthorityRegisteredConsumer(InspectionsDbContext db, TimeProvider time)
    : LocalAuthorityDirectoryConsumer<InspectionsDbContext>(db, time);
