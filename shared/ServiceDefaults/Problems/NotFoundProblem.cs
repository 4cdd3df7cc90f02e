using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Problems;

/// <summary>The 404 every service answers for a resource it does not hold, as problem details saying what was looked for.</summary>
public static class NotFoundProblem
{
    public static ProblemHttpResult For(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
