namespace Platform.Identity.Clients;

public static class PlatformScopes
{
    /// <summary>Access to the platform's APIs (the audience <c>platform</c>).</summary>
    public const string Api = "platform";
}
