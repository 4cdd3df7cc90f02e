using Platform.Inspections.Data;

namespace Platform.Inspections.Tests;

/// <summary>The service on a clock the tests move.</summary>
public sealed class ClockedInspectionsFactory()
    : ServiceFactory<Program, InspectionsDbContext>("inspections", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
