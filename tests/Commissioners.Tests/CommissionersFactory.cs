namespace Platform.Commissioners.Tests;

public sealed class CommissionersFactory() : ServiceFactory<Program>("commissioners");
