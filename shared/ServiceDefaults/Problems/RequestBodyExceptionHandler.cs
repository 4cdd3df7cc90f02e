using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.ServiceDefaults.Problems;

/// <summary>
/// Turns a body the framework could not read (malformed JSON, a date that is not a date, an enum
/// word not in the list) into a 400 validation problem that names the field and says what it accepts.
/// </summary>
public sealed class RequestBodyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        Dictionary<string, string[]> errors;
        if (badRequest.InnerException is JsonException json)
        {
            var field = json is Http.ListTooLongException tooLong
                ? FieldOf(json.Path) is "body" ? tooLong.Field : $"{FieldOf(json.Path)}.{tooLong.Field}"
                : FieldOf(json.Path);
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            errors = new() { [field] = [Describe(json, requestType, json.Path)] };
        }
        else
        {
            errors = new() { ["body"] = [badRequest.Message] };
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = badRequest.StatusCode,
                Title = "The request body is not valid.",
            },
        });
    }

    /// <summary><c>$.overall</c> becomes <c>overall</c>; <c>$.kpis[2].target</c> becomes <c>kpis[2].target</c>.</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Describe(JsonException json, Type? requestType, string? path)
    {
        if (json is Http.ListTooLongException)
        {
            return json.Message;
        }

        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "The operation has no such field.";
        }

        if (json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "The field is given more than once.";
        }

        if (json.Message.Contains("control character", StringComparison.Ordinal))
        {
            return json.Message;
        }

        if (json.Message.Contains("is invalid within a JSON string", StringComparison.Ordinal))
        {
            return "The text holds a control character that is not escaped: the body is not well-formed JSON.";
        }

        var type = PropertyTypeAt(requestType, path);
        if (type is null)
        {
            return json.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) || json.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
                ? "The body is not well-formed JSON."
                : "The value cannot be read.";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var words = Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName);
            return $"Expected one of: {string.Join(", ", words)}.";
        }

        return type switch
        {
            _ when type == typeof(DateOnly) => "Expected a date as yyyy-mm-dd.",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "Expected an ISO 8601 instant.",
            _ when type == typeof(Guid) => "Expected an identifier (a UUID).",
            _ when type == typeof(int) || type == typeof(long) => "Expected a whole number.",
            _ when type == typeof(decimal) || type == typeof(double) => "Expected a number.",
            _ when type == typeof(string) => "Expected a string.",
            _ => "The value cannot be read.",
        };
    }

    /// <summary>The declared type of the property a JSON path points at, following simple <c>$.a.b[0].c</c> paths.</summary>
    private static Type? PropertyTypeAt(Type? root, string? path)
    {
        if (root is null || string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var type = root;
        foreach (var segment in path[2..].Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            }
        }

        return type;
    }
}
