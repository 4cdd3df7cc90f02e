using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>An RFC 9457 problem details body as a test reads it.</summary>
public sealed record ProblemDocument(string? Type, string? Title, int? Status, string? Detail, string? Rule, Dictionary<string, string[]>? Errors)
{
    public static async Task<ProblemDocument> ReadAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            throw new InvalidOperationException($"Expected application/problem+json, got {response.Content.Headers.ContentType} ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<ProblemDocument>(JsonSerializerOptions.Web))!;
    }
}
