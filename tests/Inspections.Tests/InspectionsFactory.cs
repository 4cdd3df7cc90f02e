using Platform.Inspections.Data;

namespace Platform.Inspections.Tests;

public sealed class InspectionsFactory() : ServiceFactory<Program, InspectionsDbContext>("inspections");
