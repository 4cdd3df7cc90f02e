using Platform.Providers.Data;

namespace Platform.Providers.Tests;

/// <summary>The registry under the strict P3 policy.</summary>
public sealed class StrictProvidersFactory()
    : ServiceFactory<Program, ProvidersDbContext>("providers", settings: new Dictionary<string, string> { ["Registry:ControlPolicy"] = "strict" });
