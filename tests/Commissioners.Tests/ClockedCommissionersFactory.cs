using Platform.Commissioners.Data;

namespace Platform.Commissioners.Tests;

/// <summary>The service on a clock the tests move, so deadlines pass without waiting.</summary>
public sealed class ClockedCommissionersFactory()
    : ServiceFactory<Program, CommissionersDbContext>("commissioners", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
