using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A record's version as a strong HTTP entity tag: reads answer it as <c>ETag</c>, a change sent with
/// <c>If-Match</c> is refused with 412 when the record has changed since (RFC 9110, 13.1.1).
/// </summary>
public static class EntityTag
{
    public static string Of(long version) => $"\"{version}\"";

    public static void Answer(HttpContext context, long version) => context.Response.Headers.ETag = Of(version);

    /// <summary>412 when the request's <c>If-Match</c> names neither this version nor any (<c>*</c>); null when it may go on.</summary>
    public static ProblemHttpResult? RefuseIfChanged(HttpContext context, long version)
    {
        var ifMatch = context.Request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return null;
        }

        var current = Of(version);
        var tags = ifMatch.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return tags.Any(tag => tag == "*" || tag == current)
            ? null
            : TypedResults.Problem(
                detail: $"The record is now at version {current}; read it again and decide on the change anew.",
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The record changed since it was read.");
    }

    /// <summary>The answer to a write that lost a race with another: the record changed between its read and its save.</summary>
    public static ProblemHttpResult ChangedMeanwhile(string what) =>
        TypedResults.Problem(
            detail: $"The {what} was changed by another request while this one was being made; read it again and retry.",
            statusCode: StatusCodes.Status409Conflict,
            title: $"The {what} changed meanwhile.");
}
