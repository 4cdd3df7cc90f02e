using System.Text.RegularExpressions;

namespace Platform.ServiceDefaults;

/// <summary>The ONS GSS code naming an authority: a letter for the nation and eight digits (E08000025).</summary>
public static partial class GssCode
{
    public const string Description = "a letter and eight digits (E08000025)";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[EWSN][0-9]{8}$")]
    private static partial Regex Pattern();
}
