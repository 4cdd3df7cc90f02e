using Platform.Contracts;
using Platform.Contracts.Api;
using Platform.Contracts.Data;
using Platform.Contracts.Messaging;
using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<ContractsDbContext>("contracts");
builder.AddIdempotentWrites<ContractsDbContext>();
builder.AddServiceMessaging<ContractsDbContext>("contracts", bus =>
{
    bus.AddOrderedConsumer<LocalAuthorityRegisteredConsumer>();
    bus.AddOrderedConsumer<ProviderEligibilityChangedConsumer>();
    bus.AddOrderedConsumer<WorkforceReturnSubmittedConsumer>();
});
builder.AddCatchUpOnStart<ContractsDbContext>("contracts");
builder.Services.AddOptions<ContractsOptions>().BindConfiguration(ContractsOptions.Section);
builder.Services.AddSingleton<ExpiryMonitor>();
builder.Services.AddHostedService(services => services.GetRequiredService<ExpiryMonitor>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseIdempotentWrites<ContractsDbContext>();
app.MapDeadLetters<ContractsDbContext>("contracts", Roles.Operator);
app.MapContractsApi();

await app.RunAsync();

public partial class Program;
