namespace Platform.Workforce.Domain;

/// <summary>
/// A children's services trust that runs an authority's services (from <c>TrustEstablished</c>): it submits
/// that authority's returns until the last day it serves (from <c>TrustServiceEnded</c>).
/// </summary>
public sealed class ServingTrust
{
    public Guid ProviderId { get; set; }

    public string LocalAuthority { get; set; } = "";

    public string Name { get; set; } = "";

    public DateOnly OperatingFrom { get; set; }

    /// <summary>The last day it ran the authority's services, once it has stopped.</summary>
    public DateOnly? ServedUntil { get; set; }
}
