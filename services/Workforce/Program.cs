using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Workforce.Api;
using Platform.Workforce.Data;
using Platform.Workforce.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ReturnsApi.Users);
builder.AddServiceDatabase<WorkforceDbContext>("workforce");
builder.AddServiceMessaging<WorkforceDbContext>("workforce", bus => bus.AddConsumer<LocalAuthorityRegisteredConsumer>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReturnsApi();

await app.RunAsync();

public partial class Program;
