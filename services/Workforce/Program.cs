using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.Workforce.Api;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;
using Platform.Workforce.Messaging;
using Platform.Workforce.Submissions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<WorkforceDbContext>("workforce");
builder.AddIdempotentWrites<WorkforceDbContext>();
builder.AddServiceMessaging<WorkforceDbContext>("workforce", bus =>
{
    bus.AddOrderedConsumer<LocalAuthorityRegisteredConsumer>();
    bus.AddOrderedConsumer<TrustEstablishedConsumer>();
    bus.AddOrderedConsumer<TrustServiceEndedConsumer>();
    bus.AddOrderedConsumer<CatchUpRequestedConsumer>();
});
builder.AddCatchUpOnStart<WorkforceDbContext>("workforce");
builder.Services.AddOptions<WorkforceThresholds>().BindConfiguration(WorkforceThresholds.Section);
builder.Services.AddScoped<ReturnLedger>();
builder.Services.AddScoped<ReturnsCsv>();
builder.Services.AddScoped<PublishedComparison>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseIdempotentWrites<WorkforceDbContext>();
app.MapDeadLetters<WorkforceDbContext>("workforce", Roles.Operator);
app.MapReturnsApi();
app.MapImportsApi();
app.MapStatisticsApi();

await app.RunAsync();

public partial class Program;
