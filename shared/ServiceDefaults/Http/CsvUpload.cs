using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Opens an uploaded CSV for reading row by row: the request body (<c>text/csv</c>) or the first file of a
/// multipart form, buffered as it arrives (in memory up to <see cref="MemoryThreshold"/>, on disk beyond it)
/// so an import of up to <see cref="RequestLimitsOptions.ImportBodyBytes"/> is never held as one string.
/// </summary>
public static class CsvUpload
{
    public const int MemoryThreshold = 64 * 1024;

    public const string Missing = "Send the CSV as the request body (text/csv) or as a multipart file.";

    /// <summary>A reader positioned at the file's start (a byte order mark is read as the encoding it names), or null when nothing was sent.</summary>
    public static async Task<TextReader?> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Stream content;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
            {
                return null;
            }

            content = form.Files[0].OpenReadStream();
        }
        else
        {
            request.EnableBuffering(MemoryThreshold);
            await request.Body.DrainAsync(cancellationToken);
            content = request.Body;
        }

        content.Position = 0;
        if (!await HoldsTextAsync(content, cancellationToken))
        {
            return null;
        }

        content.Position = 0;
        return new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Whether anything but blanks (and a UTF-8 byte order mark) was sent.</summary>
    private static async Task<bool> HoldsTextAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (buffer.AsSpan(0, read).IndexOfAnyExcept(Blanks) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<byte> Blanks = System.Buffers.SearchValues.Create(" \t\r\n"u8.ToArray().Concat(Encoding.UTF8.Preamble.ToArray()).ToArray());

    /// <summary>
    /// An import endpoint: a CSV as the body or a multipart file (no antiforgery token: callers are
    /// systems with bearer tokens), up to <see cref="RequestLimitsOptions.ImportBodyBytes"/>.
    /// </summary>
    public static RouteHandlerBuilder AcceptsCsvImport(this RouteHandlerBuilder builder) =>
        builder.Accepts<string>("text/csv", "text/plain", "multipart/form-data")
            .DisableAntiforgery()
            .AcceptsImportUpload();
}
