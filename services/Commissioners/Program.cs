using Platform.Commissioners.Api;
using Platform.Commissioners.Data;
using Platform.Commissioners.Messaging;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(CasesApi.Readers);
builder.AddServiceDatabase<CommissionersDbContext>("commissioners");
builder.AddServiceMessaging<CommissionersDbContext>("commissioners", bus =>
{
    bus.AddConsumer<LocalAuthorityRegisteredConsumer>();
    bus.AddConsumer<InspectionPublishedConsumer>();
});

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCasesApi();

await app.RunAsync();

public partial class Program;
