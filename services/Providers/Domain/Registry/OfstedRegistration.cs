using System.Text.RegularExpressions;

namespace Platform.Providers.Domain.Registry;

/// <summary>Ofsted registers children's homes and fostering agencies (Care Standards Act 2000) under a unique reference number.</summary>
public static partial class OfstedRegistration
{
    /// <summary>Social care URNs: SC and six digits (older registrations), or six or seven digits.</summary>
    public static bool IsUrn(string number) => UrnPattern().IsMatch(number);

    [GeneratedRegex("^(SC[0-9]{6}|[0-9]{6,7})$")]
    private static partial Regex UrnPattern();
}
