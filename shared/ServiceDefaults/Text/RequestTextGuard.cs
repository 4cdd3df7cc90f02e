using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Text;

/// <summary>
/// A path or query value holding what no text holds (<see cref="StorableText"/>), a NUL among them, is a 400
/// naming the parameter before any endpoint passes it to its database, which would fail on it (a 500).
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (StorableText.FirstUnstorableAt(context.Request.Path.Value) is { } inPath)
        {
            errors["path"] = [StorableText.Describe("path", inPath)];
        }

        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var text in values.Prepend(name))
            {
                if (StorableText.FirstUnstorableAt(text) is { } position)
                {
                    var field = StorableText.FirstUnstorableAt(name) is null ? name : "query";
                    errors[field] = [StorableText.Describe(field, position)];
                }
            }
        }

        if (errors.Count > 0)
        {
            await Results.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
