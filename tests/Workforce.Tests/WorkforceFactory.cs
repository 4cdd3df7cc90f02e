using Platform.Workforce.Data;

namespace Platform.Workforce.Tests;

public sealed class WorkforceFactory() : ServiceFactory<Program, WorkforceDbContext>("workforce");
