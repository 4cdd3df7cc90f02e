namespace Platform.Providers.ReferenceData;

public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>CSV of authorities loaded at start (format of the published reference list); none when empty.</summary>
    public string? LocalAuthoritiesPath { get; set; }

    /// <summary>CSV of authorities ended by reorganisations, loaded after the list (I3c); none when empty.</summary>
    public string? LocalAuthorityChangesPath { get; set; }
}
