using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Problems;

/// <summary>Problem details for a request refused by a domain rule: the response carries the rule id from DOMAIN.md.</summary>
public static class RuleViolation
{
    public static ProblemHttpResult Problem(string rule, string detail, int status = StatusCodes.Status409Conflict, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["rule"] = rule };
        if (field is not null)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: $"Refused by rule {rule}.",
            extensions: extensions);
    }
}
