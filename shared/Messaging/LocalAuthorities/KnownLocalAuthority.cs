namespace Platform.Messaging.LocalAuthorities;

/// <summary>A service's own copy of an authority it learned about from <c>LocalAuthorityRegistered</c>.</summary>
public sealed class KnownLocalAuthority
{
    public string Gss { get; set; } = "";

    public string LaNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string Region { get; set; } = "";

    public List<string> StatisticalNeighbours { get; set; } = [];

    /// <summary>The last day of an authority a reorganisation ended (I3c); none while it is current.</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>The GSS codes of an ended authority's successors.</summary>
    public List<string> Successors { get; set; } = [];

    public bool IsCurrent => EndedOn is null;

    public DateTimeOffset LearnedAt { get; set; }
}
