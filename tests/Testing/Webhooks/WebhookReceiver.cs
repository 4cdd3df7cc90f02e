using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing.Webhooks;

/// <summary>A subscriber's endpoint on loopback: keeps every delivery it takes, and answers as the test tells it to.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Where to deliver; anything after it (<c>/hooks/7</c>) is kept as the delivery's <see cref="ReceivedDelivery.Path"/>.</summary>
    public string Url => $"{_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/hooks";

    /// <summary>Every request, taken or not, in arrival order.</summary>
    public ConcurrentQueue<ReceivedDelivery> Requests { get; } = new();

    /// <summary>The deliveries answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> Taken => [.. Requests.Where(request => request.Answer is >= 200 and < 300)];

    /// <summary>The status the next deliveries get.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.NoContent;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var answer = receiver.Answer;
            receiver.Requests.Enqueue(new ReceivedDelivery(
                new HeaderDictionary(request.Headers.ToDictionary()), body, request.ContentType, (int)answer, request.Path.Value ?? "", Stopwatch.GetTimestamp()));
            return Results.StatusCode((int)answer);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="ReceivedAt">When it arrived, as a <see cref="Stopwatch"/> timestamp.</param>
public sealed record ReceivedDelivery(IHeaderDictionary Headers, string Body, string? ContentType, int Answer, string Path, long ReceivedAt)
{
    public string Id => Headers["webhook-id"].ToString();
}
