using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.ServiceDefaults;

public static class Extensions
{
    public const string ReadyTag = "ready";
    public const string LiveTag = "live";

    /// <summary>
    /// The one call every service makes: telemetry, health checks, problem details, JSON conventions,
    /// OpenAPI, JWT authentication with role policies, and the time source.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformTelemetry();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (CorrelationIdMiddleware.Of(context.HttpContext) is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
        });
        builder.Services.AddExceptionHandler<RequestBodyExceptionHandler>();
        // Let body-binding failures reach the exception handler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.Configure<JsonOptions>(options =>
        {
            ConfigureJson(options.SerializerOptions);
            // A request names only fields the operation reads, each once: a misspelt or smuggled field is a
            // 400 naming it rather than silently dropped, and "a":1,"a":2 is not read as whichever came last.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
            // A number is a JSON number ("12" is text), and no text holds a NUL or another control character.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new Text.StorableStringConverter());
            options.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
                options.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), Http.ListBounds.Apply);
        });
        builder.Services.AddOpenApi(options => options
            .AddOperationTransformer(Http.LocalAuthorityQuery.DescribeAsync)
            .AddOperationTransformer(Http.IdempotencyKeyHeader.DescribeAsync)
            .AddSchemaTransformer(Http.DeprecatedFields.DescribeAsync));
        builder.AddPlatformAuthentication();
        builder.Services.AddOptions<Http.SecurityHeadersOptions>().BindConfiguration(Http.SecurityHeadersOptions.Section)
            .PostConfigure(options =>
            {
                if (builder.Environment.IsDevelopment())
                {
                    options.ExemptPaths.Add("/swagger");
                }
            });
        builder.Services.AddOptions<Http.RequestLimitsOptions>().BindConfiguration(Http.RequestLimitsOptions.Section);
        // An answer does not name the server software that made it.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);
        // Strict-Transport-Security on answers over TLS (never on loopback).
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>camelCase properties, kebab-case enum words, ISO 8601 dates (the framework's default for DateOnly/DateTimeOffset).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>
    /// The security headers (and HSTS outside Development), once: a host serving files before its endpoints
    /// (the gateway's pages) calls this first, and <see cref="MapDefaultEndpoints"/> then leaves it be.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        const string Applied = "platform.security-headers";
        if (((IApplicationBuilder)app).Properties.ContainsKey(Applied))
        {
            return app;
        }

        ((IApplicationBuilder)app).Properties[Applied] = true;
        app.UseMiddleware<Http.SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>
    /// The shared middleware (errors as problem details, correlation id) and endpoints: <c>/health</c>
    /// (ready: database and broker), <c>/alive</c>, the OpenAPI document and, in Development, Swagger UI.
    /// Call it first, before the service maps its own endpoints.
    /// </summary>
    /// <param name="afterAuthentication">Middleware that needs to know the caller but runs before authorization (the gateway's rate limits).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Action<IApplicationBuilder>? afterAuthentication = null)
    {
        app.UseSecurityHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimits.Middleware>();
        app.UseMiddleware<Text.RequestTextGuard>();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        app.UseMiddleware<PagingBounds>();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();

        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", app.Environment.ApplicationName));
        }

        return app;
    }
}
