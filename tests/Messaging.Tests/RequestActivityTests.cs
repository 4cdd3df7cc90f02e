using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Tests;

/// <summary>
/// Without a trace exporter a request runs with no activity (nothing would record it); with one, or when the
/// configuration asks for the hosting log, each request has its activity as before.
/// </summary>
public sealed class RequestActivityTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4317", null, true)]
    [InlineData(null, "Information", true)]
    public async Task A_request_has_an_activity_only_when_something_would_use_it(string? otlpEndpoint, string? hostingLogLevel, bool expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        if (otlpEndpoint is not null)
        {
            // An endpoint nothing listens on: the exporter's failures are its own, the request is unaffected.
            builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        }

        if (hostingLogLevel is not null)
        {
            builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = hostingLogLevel;
        }

        builder.AddPlatformTelemetry();
        await using var app = builder.Build();
        app.MapGet("/", () => Activity.Current is null ? "none" : "activity");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient();
            (await http.GetStringAsync(address)).ShouldBe(expected ? "activity" : "none");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
