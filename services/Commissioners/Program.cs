using Platform.Commissioners.Api;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Commissioners.Messaging;
using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Events;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<CommissionersDbContext>("commissioners");
builder.AddIdempotentWrites<CommissionersDbContext>();
builder.AddServiceMessaging<CommissionersDbContext>("commissioners", bus =>
{
    bus.AddOrderedConsumer<LocalAuthorityRegisteredConsumer>();
    bus.AddOrderedBatchConsumer<InspectionPublishedConsumer, InspectionPublished>();
});
builder.AddCatchUpOnStart<CommissionersDbContext>("commissioners");
builder.Services.AddOptions<InterventionOptions>().BindConfiguration(InterventionOptions.Section)
    .Validate(options => options.PolicyName is "seeds-2015" or "dfe-2016", "Intervention:PolicyName must be seeds-2015 or dfe-2016.")
    .ValidateOnStart();
builder.Services.AddSingleton<DeadlineMonitor>();
builder.Services.AddHostedService(services => services.GetRequiredService<DeadlineMonitor>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseIdempotentWrites<CommissionersDbContext>();
app.MapDeadLetters<CommissionersDbContext>("commissioners", Roles.Operator);
app.MapCasesApi();
app.MapDirectionsApi();
app.MapRegisterApi();
app.MapSummaryApi();

await app.RunAsync();

public partial class Program;
