using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>Every POST says in OpenAPI that it takes an <c>Idempotency-Key</c> (honoured by each service's idempotency middleware).</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    internal static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Name,
            In = ParameterLocation.Header,
            Description = "Any unique string (a UUID, say). A retry with the same key and body answers as the first request did, with no second effect; "
                + "the same key with another body is a 422; while the first request runs, a 409. Keys are the caller's own and kept 24 hours.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
        return Task.CompletedTask;
    }
}
