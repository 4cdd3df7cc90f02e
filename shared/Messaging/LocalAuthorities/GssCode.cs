using System.Text.RegularExpressions;

namespace Platform.Messaging.LocalAuthorities;

/// <summary>
/// ONS GSS codes of English authorities with children's services: E06 unitary, E08 metropolitan
/// district, E09 London borough, E10 county, then six digits (DOMAIN, Parties).
/// </summary>
public static partial class GssCode
{
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^E(06|08|09|10)[0-9]{6}$")]
    private static partial Regex Pattern();
}
