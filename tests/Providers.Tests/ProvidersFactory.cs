namespace Platform.Providers.Tests;

public sealed class ProvidersFactory() : ServiceFactory<Program>("providers");
