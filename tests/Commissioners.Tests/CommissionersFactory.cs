using Platform.Commissioners.Data;

namespace Platform.Commissioners.Tests;

public sealed class CommissionersFactory() : ServiceFactory<Program, CommissionersDbContext>("commissioners");
