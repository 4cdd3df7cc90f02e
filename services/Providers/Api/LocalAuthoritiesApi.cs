using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Data;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.Providers.ReferenceData;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Providers.Api;

public static class LocalAuthoritiesApi
{
    public static RouteGroupBuilder MapLocalAuthoritiesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/providers/local-authorities")
            .WithTags("Local authorities")
            .RequireAuthorization(Policies.Authenticated);

        group.MapGet("/", ListAsync);
        group.MapGet("/changes", ListChangesAsync);
        group.MapGet("/{gss}", GetAsync);
        group.MapPost("/imports", ImportAsync)
            .RequireAuthorization(Policies.AnyOf(Roles.Dfe, Roles.Registrar))
            .AcceptsCsvImport();
        group.MapPost("/changes", ImportChangesAsync)
            .RequireAuthorization(Policies.AnyOf(Roles.Dfe, Roles.Registrar))
            .AcceptsCsvImport();
        return group;
    }

    public static async Task<Ok<Paged<LocalAuthorityResponse>>> ListAsync(
        ProvidersDbContext db, string? region, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        var query = db.LocalAuthorities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region))
        {
            query = query.Where(la => la.RegionCode == region || la.RegionName == region);
        }

        var authorities = await query.OrderBy(la => la.Name).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(authorities.Map(LocalAuthorityResponse.From));
    }

    /// <summary>The authorities reorganisations ended (I3c), newest change first.</summary>
    public static async Task<Ok<Paged<LocalAuthorityResponse>>> ListChangesAsync(
        ProvidersDbContext db, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        var ended = await db.EndedLocalAuthorities.AsNoTracking()
            .OrderByDescending(la => la.EndedOn).ThenBy(la => la.Name)
            .ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(ended.Map(LocalAuthorityResponse.From));
    }

    // Compiled once: the read every page and every integrator makes most, so the query's translation and
    // cache lookup (a tenth of what the request cost the service) are not paid per request.
    private static readonly Func<ProvidersDbContext, string, CancellationToken, Task<LocalAuthority?>> CurrentAuthority =
        EF.CompileAsyncQuery((ProvidersDbContext db, string gss, CancellationToken _) => db.LocalAuthorities.AsNoTracking().FirstOrDefault(la => la.Gss == gss));

    private static readonly Func<ProvidersDbContext, string, CancellationToken, Task<EndedLocalAuthority?>> EndedAuthority =
        EF.CompileAsyncQuery((ProvidersDbContext db, string gss, CancellationToken _) => db.EndedLocalAuthorities.AsNoTracking().FirstOrDefault(la => la.Gss == gss));

    /// <summary>A current authority, or one a reorganisation ended (with its end date and successors).</summary>
    public static async Task<Results<Ok<LocalAuthorityResponse>, ProblemHttpResult>> GetAsync(
        string gss, ProvidersDbContext db, CancellationToken cancellationToken)
    {
        if (await CurrentAuthority(db, gss, cancellationToken) is { } authority)
        {
            return TypedResults.Ok(LocalAuthorityResponse.From(authority));
        }

        return await EndedAuthority(db, gss, cancellationToken) is { } ended
            ? TypedResults.Ok(LocalAuthorityResponse.From(ended))
            : NotFoundProblem.For($"No local authority has the GSS code '{gss}'.");
    }

    /// <summary>Imports a reference list (CSV body, or the first file of a multipart form).</summary>
    public static Task<Results<Ok<LocalAuthorityImportSummary>, ValidationProblem>> ImportAsync(
        HttpRequest request, LocalAuthorityImporter importer, CancellationToken cancellationToken) =>
        ImportCsvAsync(request, importer.ImportAsync, cancellationToken);

    /// <summary>Imports the reference list of authorities ended by reorganisations (I3c), in the same way.</summary>
    public static Task<Results<Ok<LocalAuthorityImportSummary>, ValidationProblem>> ImportChangesAsync(
        HttpRequest request, LocalAuthorityChangesImporter importer, CancellationToken cancellationToken) =>
        ImportCsvAsync(request, importer.ImportAsync, cancellationToken);

    private static async Task<Results<Ok<LocalAuthorityImportSummary>, ValidationProblem>> ImportCsvAsync(
        HttpRequest request, Func<TextReader, CancellationToken, Task<LocalAuthorityImportSummary>> import, CancellationToken cancellationToken)
    {
        using var csv = await CsvUpload.OpenAsync(request, cancellationToken);
        if (csv is null)
        {
            return new Validation().Add("file", CsvUpload.Missing).ToProblem();
        }

        var summary = await import(csv, cancellationToken);
        var headerError = summary.Errors.FirstOrDefault(error => error.Line == 1 && summary.Added + summary.Updated + summary.Unchanged == 0);
        return headerError is not null
            ? new Validation().Add("file", headerError.Reason).ToProblem()
            : TypedResults.Ok(summary);
    }
}

public sealed record LocalAuthorityResponse(
    string LocalAuthority,
    string LaNumber,
    string Name,
    string RegionCode,
    string RegionName,
    string LaType,
    int? PopulationAged0To25,
    IReadOnlyList<string> StatisticalNeighbours,
    DateOnly? EndedOn,
    IReadOnlyList<string> Successors)
{
    public static LocalAuthorityResponse From(LocalAuthority la) =>
        new(la.Gss, la.LaNumber, la.Name, la.RegionCode, la.RegionName, la.LaType, la.PopulationAged0To25, la.StatisticalNeighbours, null, []);

    public static LocalAuthorityResponse From(EndedLocalAuthority la) =>
        new(la.Gss, la.LaNumber, la.Name, "", "", "", null, [], la.EndedOn, la.Successors);
}
