namespace Platform.Workforce.Domain;

/// <summary>
/// The ONS codes of England's nine regions, which DfE's statistics use, with the names the
/// platform's reference list gives them. London's inner and outer halves (E13) are statistical
/// groupings the reference list does not keep.
/// </summary>
public static class OnsRegions
{
    public const string England = "E92000001";

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["E12000001"] = "North East",
        ["E12000002"] = "North West",
        ["E12000003"] = "Yorkshire and the Humber",
        ["E12000004"] = "East Midlands",
        ["E12000005"] = "West Midlands",
        ["E12000006"] = "East of England",
        ["E12000007"] = "London",
        ["E12000008"] = "South East",
        ["E12000009"] = "South West",
    };

    /// <summary>The platform's name of the region with that ONS code, if it is one of the nine.</summary>
    public static string? NameOf(string code) => Names.GetValueOrDefault(code);
}
