using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Security.Tests.Matrix;

/// <summary>Every operation the platform publishes: each service's document as the gateway serves it, and the gateway's own.</summary>
public static class PublishedOperations
{
    public static readonly IReadOnlyList<string> Services = ["inspections", "commissioners", "contracts", "workforce", "providers", "integrations", "identity"];

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(RunningPlatform platform)
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var operations = new List<ApiOperation>();
        foreach (var service in Services)
        {
            var document = await http.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            operations.AddRange(new OpenApiDocument(service, document).Operations());
        }

        var gateway = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        operations.AddRange(new OpenApiDocument("gateway", gateway).Operations());
        return operations;
    }

    /// <summary>Where the operation is served without the gateway: its service's own address (the gateway's operations, at the gateway).</summary>
    public static Uri DirectAddress(RunningPlatform platform, ApiOperation operation) =>
        operation.Service == "gateway" ? platform.Gateway : platform.UrlOf(operation.Service);
}
