namespace Platform.Workforce.Domain;

/// <summary>A children's services trust that runs an authority's services (from <c>TrustEstablished</c>): it submits that authority's returns.</summary>
public sealed class ServingTrust
{
    public Guid ProviderId { get; set; }

    public string LocalAuthority { get; set; } = "";

    public string Name { get; set; } = "";

    public DateOnly OperatingFrom { get; set; }
}
