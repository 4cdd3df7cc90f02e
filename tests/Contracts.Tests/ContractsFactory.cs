namespace Platform.Contracts.Tests;

public sealed class ContractsFactory() : ServiceFactory<Program>("contracts");
