using System.Text.RegularExpressions;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Users;

/// <summary>The rules for what a person or a client may be granted: a role of the platform and the authorities that role needs.</summary>
public static partial class UserGrants
{
    public const int MaxLocalAuthorities = 200;

    public const int MaxEventTypes = 50;

    /// <summary>A versioned CloudEvents type of the platform: <c>uk.gov.education.csc.inspection.published.v1</c>.</summary>
    [GeneratedRegex("^uk\\.gov\\.education\\.csc\\.[a-z]+(-[a-z]+)*\\.[a-z]+\\.v[1-9][0-9]{0,2}$")]
    private static partial Regex EventType();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")]
    private static partial Regex SubjectPattern();

    public static bool IsSubject(string subject) => SubjectPattern().IsMatch(subject);

    public static void Check(Validation validation, string? role, IReadOnlyList<string>? localAuthorities, Guid? providerId)
    {
        if (validation.Required(role, "role") && !Roles.All.Contains(role!))
        {
            validation.Add("role", $"'role' must be one of: {string.Join(", ", Roles.All)}.");
        }

        var codes = localAuthorities ?? [];
        if (codes.Count > MaxLocalAuthorities)
        {
            validation.Add("localAuthorities", $"'localAuthorities' holds at most {MaxLocalAuthorities} codes.");
        }
        else if (codes.Any(code => !GssCode.IsValid(code)))
        {
            validation.Add("localAuthorities", $"'localAuthorities' holds GSS codes, {GssCode.Description}.");
        }

        if (role == Roles.Council && codes.Count != 1)
        {
            validation.Add("localAuthorities", "A council user acts for exactly one authority.");
        }

        if ((role == Roles.Provider) != (providerId is not null))
        {
            validation.Add("providerId", "A provider user acts for one provider; no other role has one.");
        }
    }

    public static void CheckEventTypes(Validation validation, IReadOnlyList<string>? eventTypes)
    {
        var types = eventTypes ?? [];
        if (types.Count > MaxEventTypes)
        {
            validation.Add("eventTypes", $"'eventTypes' holds at most {MaxEventTypes} types.");
        }
        else if (types.Any(type => type is null || !EventType().IsMatch(type)))
        {
            validation.Add("eventTypes", "'eventTypes' holds the platform's CloudEvents types (uk.gov.education.csc.inspection.published.v1; see /asyncapi.json).");
        }
    }
}
