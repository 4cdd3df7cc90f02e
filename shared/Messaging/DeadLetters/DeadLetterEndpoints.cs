using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Platform.Messaging.DeadLetters;

/// <summary>The operator's view of what the service gave up on: <c>/api/{service}/operations/dead-letters</c>.</summary>
public static class DeadLetterEndpoints
{
    public static RouteGroupBuilder MapDeadLetters<TContext>(this IEndpointRouteBuilder app, string service, string operatorPolicy)
        where TContext : MessagingDbContext
    {
        var group = app.MapGroup($"/api/{service}/operations/dead-letters")
            .WithTags("Operations")
            .RequireAuthorization(operatorPolicy);

        group.MapGet("/", async Task<Ok<DeadLetterReport>> (DeadLetterOffice<TContext> office, int? first, CancellationToken cancellationToken) =>
                TypedResults.Ok(await office.LookAsync(Math.Clamp(first ?? 20, 0, 200), cancellationToken)))
            .WithSummary("Messages in the service's error queues (the first of each with its reason) and outbox rows set aside");

        group.MapPost("/redrive", async Task<Ok<RedriveResult>> (DeadLetterOffice<TContext> office, CancellationToken cancellationToken) =>
                TypedResults.Ok(await office.RedriveAsync(cancellationToken)))
            .WithSummary("Moves every message of the error queues back to its queue and puts set-aside outbox rows back in line");

        return group;
    }
}
