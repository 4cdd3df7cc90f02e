using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Commissioners.Data;

namespace Platform.Commissioners.Tests;

/// <summary>The service on a clock the tests move, so deadlines pass without waiting.</summary>
public sealed class ClockedCommissionersFactory() : ServiceFactory<Program, CommissionersDbContext>("commissioners")
{
    public MovableTime Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
