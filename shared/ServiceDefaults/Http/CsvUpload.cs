using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>Reads an uploaded CSV: the request body (<c>text/csv</c>) or the first file of a multipart form.</summary>
public static class CsvUpload
{
    /// <summary>The text, or null when nothing was sent.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string text;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
            {
                return null;
            }

            using var file = new StreamReader(form.Files[0].OpenReadStream());
            text = await file.ReadToEndAsync(cancellationToken);
        }
        else
        {
            using var body = new StreamReader(request.Body);
            text = await body.ReadToEndAsync(cancellationToken);
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>
    /// An import endpoint: a CSV as the body or a multipart file (no antiforgery token: callers are
    /// systems with bearer tokens), up to <see cref="RequestLimitsOptions.ImportBodyBytes"/>.
    /// </summary>
    public static RouteHandlerBuilder AcceptsCsvImport(this RouteHandlerBuilder builder) =>
        builder.Accepts<string>("text/csv", "text/plain", "multipart/form-data")
            .DisableAntiforgery()
            .AcceptsImportUpload();

    public const string Missing = "Send the CSV as the request body (text/csv) or as a multipart file.";
}
