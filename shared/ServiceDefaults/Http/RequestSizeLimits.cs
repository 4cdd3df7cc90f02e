using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>How large a request body may be, bound from <c>RequestLimits</c>; a larger one is a 413 problem.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Any request: a JSON body is a few kilobytes.</summary>
    public long BodyBytes { get; set; } = 1024 * 1024;

    /// <summary>An import (a CSV of a whole year of returns, a history of every inspection).</summary>
    public long ImportBodyBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>Marks an endpoint that takes an upload up to <see cref="RequestLimitsOptions.ImportBodyBytes"/>.</summary>
public sealed class ImportUploadMetadata;

public static class RequestSizeLimits
{
    public static TBuilder AcceptsImportUpload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ImportUploadMetadata());

    /// <summary>Sets the body limit of the endpoint the request reached, before anything reads the body.</summary>
    public sealed class Middleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
    {
        public Task InvokeAsync(HttpContext context)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = context.GetEndpoint()?.Metadata.GetMetadata<ImportUploadMetadata>() is null
                    ? options.Value.BodyBytes
                    : options.Value.ImportBodyBytes;
            }

            return next(context);
        }
    }
}
