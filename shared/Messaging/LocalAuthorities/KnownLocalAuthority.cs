namespace Platform.Messaging.LocalAuthorities;

/// <summary>A service's own copy of an authority it learned about from <c>LocalAuthorityRegistered</c>.</summary>
public sealed class KnownLocalAuthority
{
    public string Gss { get; set; } = "";

    public string LaNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string Region { get; set; } = "";

    public List<string> StatisticalNeighbours { get; set; } = [];

    public DateTimeOffset LearnedAt { get; set; }
}
