namespace Platform.ServiceDefaults.Auth;

/// <summary>The roles of DESIGN.md's security model; each is also the name of the policy that requires it.</summary>
public static class Roles
{
    public const string Dfe = "dfe";
    public const string Ofsted = "ofsted";
    public const string Council = "council";
    public const string Commissioner = "commissioner";
    public const string Provider = "provider";
    public const string Registrar = "registrar";
    public const string Integrator = "integrator";

    /// <summary>Runs the platform: sees and re-drives what the services gave up on.</summary>
    public const string Operator = "operator";

    public static IReadOnlyList<string> All { get; } = [Dfe, Ofsted, Council, Commissioner, Provider, Registrar, Integrator, Operator];
}

/// <summary>Claim types carried by platform tokens.</summary>
public static class PlatformClaims
{
    public const string Role = "role";

    /// <summary>GSS code of an authority the holder acts for (a council's own, a commissioner's appointments).</summary>
    public const string LocalAuthority = "la";

    public const string Provider = "provider";

    /// <summary>A CloudEvents type an integrator is granted (none: every type).</summary>
    public const string EventType = "event_type";
}

/// <summary>Named authorization policies shared by the services and the gateway.</summary>
public static class Policies
{
    public const string Authenticated = "authenticated";

    public const string Separator = "-or-";

    /// <summary>A policy any of the roles satisfies ("dfe-or-council"), built when first asked for by <see cref="AnyOfRolesPolicyProvider"/>.</summary>
    public static string AnyOf(params string[] roles) => string.Join(Separator, roles);
}
