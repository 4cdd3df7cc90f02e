using Microsoft.Extensions.Configuration;

namespace Platform.Messaging;

/// <summary>How long a consumer waits out a database or broker outage before the message is given up to the error queue.</summary>
public static class RetryOptions
{
    public const string Section = "Messaging:Retry";

    /// <summary>
    /// The pauses between attempts after a transient failure: by default 1, 2, 4, 8, 15 and then 30 s
    /// three times, about two and a half minutes in all (<c>Messaging:Retry:TransientIntervals</c>,
    /// a list of time spans, overrides it).
    /// </summary>
    public static TimeSpan[] TransientIntervals(IConfiguration configuration)
    {
        var configured = configuration.GetSection($"{Section}:TransientIntervals").Get<TimeSpan[]>();
        return configured is { Length: > 0 }
            ? configured
            : [.. new[] { 1, 2, 4, 8, 15, 30, 30, 30 }.Select(seconds => TimeSpan.FromSeconds(seconds))];
    }
}
