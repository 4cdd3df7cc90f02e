namespace Platform.Workforce.Tests;

public sealed class WorkforceFactory() : ServiceFactory<Program>("workforce");
