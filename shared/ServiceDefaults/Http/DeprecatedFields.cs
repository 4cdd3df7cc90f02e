using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A body field kept for one release under its old name (<c>council</c> beside <c>localAuthority</c>)
/// is marked <c>[Obsolete]</c> in code and <c>deprecated</c> in the OpenAPI document.
/// </summary>
public static class DeprecatedFields
{
    internal static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.IsDefined(typeof(ObsoleteAttribute), inherit: true) == true)
        {
            schema.Deprecated = true;
        }

        return Task.CompletedTask;
    }
}
