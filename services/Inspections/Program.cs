using Platform.Inspections.Api;
using Platform.Inspections.Data;
using Platform.Inspections.Messaging;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<InspectionsDbContext>("inspections");
builder.AddServiceMessaging<InspectionsDbContext>("inspections", bus => bus.AddConsumer<LocalAuthorityRegisteredConsumer>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapJudgementsApi();

await app.RunAsync();

public partial class Program;
