using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Integrations.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IntegrationsDbContext>
{
    public IntegrationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IntegrationsDbContext>()
            .UseNpgsql("Host=localhost;Database=integrations")
            .UseSnakeCaseNamingConvention()
            .Options);
}
