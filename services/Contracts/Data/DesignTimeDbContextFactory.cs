using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Contracts.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ContractsDbContext>
{
    public ContractsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ContractsDbContext>()
            .UseNpgsql("Host=localhost;Database=contracts")
            .UseSnakeCaseNamingConvention()
            .Options);
}
