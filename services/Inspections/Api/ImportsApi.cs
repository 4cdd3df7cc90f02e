using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Inspections.Import;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Inspections.Api;

public static class ImportsApi
{
    public static readonly string[] Importers = [Roles.Ofsted, Roles.Dfe];

    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inspections/imports").WithTags("Imports").RequireAuthorization(Policies.AnyOf(Importers));
        group.MapPost("/", ImportAsync).AcceptsCsvImport();
        return group;
    }

    /// <summary>Imports Ofsted's summary sheet (I3) or an inspection history (I3b), told apart by the header row.</summary>
    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAsync(
        HttpRequest request, JudgementImporter importer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var csv = await CsvUpload.OpenAsync(request, cancellationToken);
        if (csv is null)
        {
            return new Validation().Add("file", CsvUpload.Missing).ToProblem();
        }

        var result = await importer.ImportAsync(csv, user.Identity?.Name ?? "unknown", cancellationToken);
        return result is null
            ? new Validation().Add("file", "The header row is neither Ofsted's summary format (I3) nor the inspection history format (I3b).").ToProblem()
            : TypedResults.Ok(result);
    }
}
