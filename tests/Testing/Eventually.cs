namespace Platform.Testing;

/// <summary>Waits for a condition with a deadline, never for a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (value is not null && value is not false)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting{(because is null ? "" : " for " + because)} after {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? because = null) =>
        ReturnsAsync<object>(async () => await probe() ? true : null, timeout, because);
}
