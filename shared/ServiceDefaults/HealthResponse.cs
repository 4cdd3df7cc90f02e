using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults;

/// <summary>
/// Writes a health report as JSON: the overall status to anyone (probes, load balancers), and each
/// check's status and description (which may quote an exception) only to an operator.
/// </summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (!context.User.IsInRole(Roles.Operator))
        {
            return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }, JsonSerializerOptions.Web);
        }

        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description ?? entry.Value.Exception?.Message }),
        }, JsonSerializerOptions.Web);
    }
}
