namespace Platform.Integrations.EventLog;

/// <summary>
/// Wakes this process's readers of the log (streams, webhook dispatch) when it appends; readers also look
/// on their own every so often, for entries another replica appended.
/// </summary>
public sealed class EventLogSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next append in this process, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }
}
