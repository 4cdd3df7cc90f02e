using Platform.Contracts.Api;
using Platform.Contracts.Data;
using Platform.Contracts.Messaging;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ContractsApi.Users);
builder.AddServiceDatabase<ContractsDbContext>("contracts");
builder.AddServiceMessaging<ContractsDbContext>("contracts", bus => bus.AddConsumer<LocalAuthorityRegisteredConsumer>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapContractsApi();

await app.RunAsync();

public partial class Program;
