using Platform.Gateway.Edge;
using Platform.Gateway.Dashboard;
using Platform.Gateway.Session;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

// The dashboard's pages are built into the output's wwwroot (see Gateway.csproj), whatever the content root:
// `dotnet run` (as Aspire starts projects) makes the project folder the content root.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.AddServiceDefaults();
builder.AddDashboard();
builder.AddDashboardSession();
builder.AddGatewayRateLimits();
builder.Services.AddServiceDiscovery();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver()
    .AddTransforms(ProxiedSecurityHeaders.AddTo);

var app = builder.Build();

// The dashboard's pages and GOV.UK Frontend's assets are public files, with the security headers; every
// figure on them comes from the API, which asks for a token. A browser's session becomes a bearer token
// before authentication.
app.UseSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseDashboardSession();
app.MapDefaultEndpoints(afterAuthentication: edge => edge.UseRateLimiter());
app.MapSessionEndpoints();
app.MapDashboardApi();
app.MapReverseProxy(proxy =>
{
    proxy.Use(ProxyErrors.AsServiceUnavailable);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

await app.RunAsync();

public partial class Program;
