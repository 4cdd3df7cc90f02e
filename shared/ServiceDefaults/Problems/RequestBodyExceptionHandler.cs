using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Problems;

/// <summary>
/// Turns a body the framework could not read (malformed JSON, a date that is not a date, an enum
/// word not in the list) into a 400 validation problem that names the field, instead of a bare 400.
/// </summary>
public sealed class RequestBodyExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var errors = badRequest.InnerException is JsonException json
            ? new Dictionary<string, string[]> { [FieldOf(json.Path)] = [Describe(json)] }
            : new Dictionary<string, string[]> { ["body"] = [badRequest.Message] };

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

    private static string Describe(JsonException json)
    {
        // System.Text.Json's messages name the CLR type; keep the part a client can act on.
        var message = json.Message;
        var pathIndex = message.IndexOf(" Path:", StringComparison.Ordinal);
        return pathIndex > 0 ? message[..pathIndex] : message;
    }
}
