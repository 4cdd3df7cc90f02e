using Platform.Contracts.Data;

namespace Platform.Contracts.Tests;

public sealed class ContractsFactory() : ServiceFactory<Program, ContractsDbContext>("contracts");
