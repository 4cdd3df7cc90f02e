using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The authority a list is asked for: <c>localAuthority</c>, the name every service uses, or <c>la</c>
/// or <c>council</c>, the names earlier releases used, still read for one release and marked
/// deprecated in OpenAPI. <see cref="Field"/> is the name the caller used, for a problem that names it.
/// </summary>
public readonly record struct LocalAuthorityQuery(string? Value, string Field) : IEndpointParameterMetadataProvider
{
    public const string Name = "localAuthority";
    public static readonly IReadOnlyList<string> DeprecatedNames = ["la", "council"];

    public static ValueTask<LocalAuthorityQuery> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query[Name].FirstOrDefault() is { } current)
        {
            return ValueTask.FromResult(new LocalAuthorityQuery(current, Name));
        }

        var deprecated = DeprecatedNames.FirstOrDefault(name => query[name].FirstOrDefault() is not null);
        return ValueTask.FromResult(deprecated is null ? new LocalAuthorityQuery(null, Name) : new LocalAuthorityQuery(query[deprecated].First(), deprecated));
    }

    /// <summary>Describes both query parameters in the endpoint's OpenAPI operation, the old one as deprecated.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new OpenApiOperationTransformerMetadata());

    private sealed class OpenApiOperationTransformerMetadata;

    internal static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiOperationTransformerMetadata>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Name,
            In = ParameterLocation.Query,
            Description = "GSS code of the local authority.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        foreach (var deprecated in DeprecatedNames)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = deprecated,
                In = ParameterLocation.Query,
                Deprecated = true,
                Description = $"Deprecated: use {Name}. Read for one more release.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
