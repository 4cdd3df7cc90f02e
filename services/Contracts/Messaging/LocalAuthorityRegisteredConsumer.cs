using Platform.Contracts.Data;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Contracts.Messaging;

public sealed class LocalAuthorityRegisteredConsumer(ContractsDbContext db, TimeProvider time)
    : LocalAuthorityDirectoryConsumer<ContractsDbContext>(db, time);
