using Platform.Inspections.Api;
using Platform.Inspections.Data;
using Platform.Inspections.Import;
using Platform.Inspections.Messaging;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ImportsApi.Importers);
builder.AddServiceDatabase<InspectionsDbContext>("inspections");
builder.AddServiceMessaging<InspectionsDbContext>("inspections", bus => bus.AddConsumer<LocalAuthorityRegisteredConsumer>());

builder.Services.AddScoped<JudgementImporter>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapJudgementsApi();
app.MapImportsApi();

await app.RunAsync();

public partial class Program;
