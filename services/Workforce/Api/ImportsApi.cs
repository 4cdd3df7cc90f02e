using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;
using Platform.Workforce.Submissions;

namespace Platform.Workforce.Api;

public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workforce/imports").WithTags("Workforce imports").RequireAuthorization(Roles.Dfe);
        group.MapPost("/", ImportAsync).AcceptsCsvImport();
        return group;
    }

    /// <summary>
    /// A CSV of returns, one row per authority and year: the platform's own layout, or DfE's children's
    /// social work workforce statistics as published (W7), England and regional rows compared, not stored.
    /// </summary>
    public static async Task<Results<Ok<ReturnsImportResult>, ValidationProblem>> ImportAsync(
        HttpRequest request, ReturnsCsv returns, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var csv = await CsvUpload.OpenAsync(request, cancellationToken);
        if (csv is null)
        {
            return new Validation().Add("file", CsvUpload.Missing).ToProblem();
        }

        var result = await returns.ImportAsync(csv, user.Identity?.Name ?? "unknown", cancellationToken);
        return result is null
            ? new Validation().Add("file", ReturnsCsv.ExpectedHeader).ToProblem()
            : TypedResults.Ok(result);
    }
}
