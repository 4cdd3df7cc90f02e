using Platform.Gateway;
using Platform.Gateway.Dashboard;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(
    [Roles.Dfe, Roles.Council],
    [Roles.Council, Roles.Dfe],
    [Roles.Council, Roles.Provider, Roles.Dfe],
    [Roles.Dfe, Roles.Registrar],
    [Roles.Commissioner, Roles.Dfe],
    [Roles.Ofsted, Roles.Dfe]);
builder.AddDashboard();
builder.Services.AddServiceDiscovery();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

// The dashboard's pages and GOV.UK Frontend's assets are public files; every figure on them comes
// from the API below, which asks for a token.
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapDefaultEndpoints();
app.MapDashboardApi();
app.MapDevelopmentSignIn();
app.MapReverseProxy(proxy =>
{
    proxy.Use(ProxyErrors.AsServiceUnavailable);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

await app.RunAsync();

public partial class Program;
