using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Text;

/// <summary>
/// A path or query value holding what no text holds (<see cref="StorableText"/>), a NUL among them, is a 400
/// naming the parameter before any endpoint passes it to its database, which would fail on it (a 500).
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Nearly every request is clean: it passes on without an allocation or an await of its own.
        Dictionary<string, string[]>? errors = null;
        if (StorableText.FirstUnstorableAt(context.Request.Path.Value) is { } inPath)
        {
            (errors ??= new(StringComparer.Ordinal))["path"] = [StorableText.Describe("path", inPath)];
        }

        if (context.Request.QueryString.HasValue)
        {
            foreach (var (name, values) in context.Request.Query)
            {
                foreach (var text in values.Prepend(name))
                {
                    if (StorableText.FirstUnstorableAt(text) is { } position)
                    {
                        var field = StorableText.FirstUnstorableAt(name) is null ? name : "query";
                        (errors ??= new(StringComparer.Ordinal))[field] = [StorableText.Describe(field, position)];
                    }
                }
            }
        }

        return errors is null ? next(context) : Results.ValidationProblem(errors).ExecuteAsync(context);
    }
}
