using Platform.Providers.Data;

namespace Platform.Providers.Tests;

public sealed class ProvidersFactory() : ServiceFactory<Program, ProvidersDbContext>("providers");
