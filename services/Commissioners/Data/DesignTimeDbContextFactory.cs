using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Commissioners.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommissionersDbContext>
{
    public CommissionersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommissionersDbContext>()
            .UseNpgsql("Host=localhost;Database=commissioners")
            .UseSnakeCaseNamingConvention()
            .Options);
}
