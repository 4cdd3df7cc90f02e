using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Providers.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ProvidersDbContext>
{
    public ProvidersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ProvidersDbContext>()
            .UseNpgsql("Host=localhost;Database=providers")
            .UseSnakeCaseNamingConvention()
            .Options);
}
