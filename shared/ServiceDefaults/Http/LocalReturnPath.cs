namespace Platform.ServiceDefaults.Http;

/// <summary>Where a person is sent back to after signing in: a path of this site only.</summary>
public static class LocalReturnPath
{
    /// <summary>The path given, or <c>/</c> for anything else: another host, a scheme such as <c>javascript:</c>, <c>//host</c> or <c>/\host</c>.</summary>
    public static string OrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";
}
