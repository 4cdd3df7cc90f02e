using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Inspections.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InspectionsDbContext>
{
    public InspectionsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InspectionsDbContext>()
            .UseNpgsql("Host=localhost;Database=inspections")
            .UseSnakeCaseNamingConvention()
            .Options);
}
