using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// The national picture for DfE: every authority with its latest grade, intervention state,
/// commissioner, overdue deadlines, trust status and workforce headline figures. One call per
/// service, in parallel, each bounded by a timeout; a service that does not answer leaves its
/// columns empty and its section marked unavailable, never the whole table.
/// </summary>
public static class NationalPictureApi
{
    public static async Task<Results<Ok<NationalPicture>, ProblemHttpResult>> GetAsync(
        ServiceCalls services, DashboardCache cache, TimeProvider time, ClaimsPrincipal user)
    {
        // One composition serves every caller waiting on it, so no single request may cancel it.
        var picture = await cache.GetAsync("national", user, () => ComposeAsync(services, time, CancellationToken.None),
            composed => composed.Sections.Values.All(section => section.Status == Section.Available));
        return picture is null
            ? TypedResults.Problem("The registry did not answer.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "The list of authorities is unavailable.")
            : TypedResults.Ok(picture);
    }

    private static async Task<NationalPicture?> ComposeAsync(ServiceCalls services, TimeProvider time, CancellationToken cancellationToken)
    {
        var authoritiesCall = services.GetAllPagesAsync("providers", "/api/providers/local-authorities", cancellationToken);
        var gradesCall = services.GetAllPagesAsync("inspections", "/api/inspections/latest", cancellationToken);
        var casesCall = services.GetAllPagesAsync("commissioners", "/api/commissioners/summary", cancellationToken);
        var trustsCall = services.GetAllPagesAsync("providers", "/api/providers/trust-registrations", cancellationToken);
        var workforceCall = services.GetAllPagesAsync("workforce", "/api/workforce/headlines", cancellationToken);
        var thresholdsCall = services.GetAsync("workforce", "/api/workforce/thresholds", cancellationToken);
        await Task.WhenAll(authoritiesCall, gradesCall, casesCall, trustsCall, workforceCall, thresholdsCall);

        var authorities = authoritiesCall.Result.Section;
        if (authorities.Data is not { } directory)
        {
            // Without the reference list there are no rows to show.
            return null;
        }

        var grades = ByAuthority(gradesCall.Result.Section);
        var cases = ByAuthority(casesCall.Result.Section);
        var trusts = ByAuthority(trustsCall.Result.Section);
        var workforce = ByAuthority(workforceCall.Result.Section);
        var rows = directory.EnumerateArray()
            .Select(la =>
            {
                var gss = la.GetProperty("localAuthority").GetString()!;
                return new NationalRow(
                    gss, la.GetProperty("name").GetString()!, la.GetProperty("regionName").GetString()!,
                    Find(grades, gss), Find(cases, gss), Find(trusts, gss), Find(workforce, gss));
            })
            .ToList();
        var sections = new Dictionary<string, SectionState>
        {
            ["grades"] = SectionState.Of(gradesCall.Result.Section),
            ["intervention"] = SectionState.Of(casesCall.Result.Section),
            ["trusts"] = SectionState.Of(trustsCall.Result.Section),
            ["workforce"] = SectionState.Of(workforceCall.Result.Section),
        };
        return new NationalPicture(sections, NationalHeadlines.Count(rows, sections, thresholdsCall.Result.Section.Data), rows, time.GetUtcNow());
    }

    private static JsonElement? Find(Dictionary<string, JsonElement> entries, string gss) => entries.TryGetValue(gss, out var entry) ? entry : null;

    /// <summary>The first entry per authority of a list the service returns newest first (or one per authority).</summary>
    private static Dictionary<string, JsonElement> ByAuthority(Section section)
    {
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (section.Data is not { ValueKind: JsonValueKind.Array } list)
        {
            return entries;
        }

        foreach (var entry in list.EnumerateArray())
        {
            entries.TryAdd(entry.GetProperty("localAuthority").GetString()!, entry);
        }

        return entries;
    }
}

/// <summary>Whether a section's data is there, and why not when it is not.</summary>
public sealed record SectionState(string Status, string? Reason)
{
    public static SectionState Of(Section section) => new(section.Status, section.Reason);
}

public sealed record NationalRow(
    string LocalAuthority, string Name, string Region, JsonElement? LatestGrade, JsonElement? Intervention, JsonElement? Trust, JsonElement? Workforce);

[ImmutableObject(true)]
public sealed record NationalPicture(
    IReadOnlyDictionary<string, SectionState> Sections, NationalHeadlines Headlines, IReadOnlyList<NationalRow> Authorities, DateTimeOffset GeneratedAt);
