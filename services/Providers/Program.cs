using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Idempotency;
using Platform.Providers.Api;
using Platform.Providers.Data;
using Platform.Providers.Domain.Registry;
using Platform.Providers.Messaging;
using Platform.Providers.ReferenceData;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<ProvidersDbContext>("providers");
builder.AddIdempotentWrites<ProvidersDbContext>();
builder.AddServiceMessaging<ProvidersDbContext>("providers", bus =>
{
    bus.AddOrderedConsumer<TrustEstablishmentRequestedConsumer>();
    bus.AddOrderedConsumer<CatchUpRequestedConsumer>();
});
builder.Services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.Section);
builder.Services.AddScoped<LocalAuthorityImporter>();
builder.Services.AddScoped<LocalAuthorityChangesImporter>();
builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section)
    .Validate(options => options.ControlPolicy is "statutory" or "strict", "Registry:ControlPolicy must be statutory or strict.")
    .ValidateOnStart();
builder.Services.AddHostedService<ReferenceDataSeeder>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseIdempotentWrites<ProvidersDbContext>();
app.MapDeadLetters<ProvidersDbContext>("providers", Roles.Operator);
app.MapLocalAuthoritiesApi();
app.MapTrustRegistrationsApi();
app.MapOrganisationsApi();

await app.RunAsync();

public partial class Program;
