namespace Platform.Inspections.Tests;

public sealed class InspectionsFactory() : ServiceFactory<Program>("inspections");
