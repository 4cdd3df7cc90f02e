using Platform.Inspections.Api;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Inspections.Import;
using Platform.Inspections.Messaging;
using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<InspectionsDbContext>("inspections");
builder.AddIdempotentWrites<InspectionsDbContext>();
builder.AddServiceMessaging<InspectionsDbContext>("inspections", bus =>
{
    bus.AddOrderedConsumer<LocalAuthorityRegisteredConsumer>();
    bus.AddOrderedConsumer<TrustEstablishedConsumer>();
});
builder.AddCatchUpOnStart<InspectionsDbContext>("inspections");

builder.Services.AddScoped<JudgementImporter>();
builder.Services.AddSingleton<ScheduleMonitor>();
builder.Services.AddHostedService(services => services.GetRequiredService<ScheduleMonitor>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseIdempotentWrites<InspectionsDbContext>();
app.MapDeadLetters<InspectionsDbContext>("inspections", Roles.Operator);
app.MapJudgementsApi();
app.MapImportsApi();
app.MapScheduleApi();
app.MapLatestGradesApi();

await app.RunAsync();

public partial class Program;
