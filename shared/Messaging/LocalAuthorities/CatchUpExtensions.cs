using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging.LocalAuthorities;

public static class CatchUpExtensions
{
    /// <summary>A service that keeps a directory of authorities asks to catch up when it starts with none (<see cref="CatchUpOnStart{TContext}"/>).</summary>
    public static IHostApplicationBuilder AddCatchUpOnStart<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : MessagingDbContext
    {
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<CatchUpOnStart<TContext>>(services, service));
        return builder;
    }
}
