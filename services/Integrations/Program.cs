using Platform.Integrations.Data;
using Platform.Integrations.Documentation;
using Platform.Integrations.EventLog;
using Microsoft.Extensions.Options;
using Platform.Integrations.Feed;
using Platform.Integrations.Webhooks;
using Platform.Messaging;
using Platform.Messaging.DeadLetters;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase<IntegrationsDbContext>("integrations");
builder.AddServiceMessaging<IntegrationsDbContext>("integrations", bus => bus.AddEventLogConsumers());
builder.Services.AddOptions<EventLogOptions>().BindConfiguration(EventLogOptions.Section);
builder.Services.AddSingleton<EventLogSignal>();
builder.Services.AddScoped<EventLogWriter>();
builder.Services.AddHostedService<EventLogRetention>();
builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
builder.Services.AddSingleton<WebhookTargets>();
builder.Services.AddHttpClient(WebhookTargets.HttpClientName, (services, client) => client.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
    .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<WebhookTargets>().Handler());
builder.Services.AddScoped<WebhookDelivery>();
builder.Services.AddSingleton<WebhookDispatcher>();
builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeadLetters<IntegrationsDbContext>("integrations", Roles.Operator);
app.MapEventFeedApi();
app.MapWebhookSubscriptionsApi();
app.MapAsyncApiDocument();

await app.RunAsync();

public partial class Program;
