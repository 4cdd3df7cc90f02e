namespace Platform.Testing;

/// <summary>A clock the test moves: deadlines pass when the test says so, never by waiting.</summary>
public sealed class MovableTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public void MoveTo(DateTimeOffset to)
    {
        lock (_gate)
        {
            _now = to;
        }
    }
}
