namespace Platform.Contracts.Domain;

/// <summary>DOMAIN P2 service scopes a contract can cover (independent reviewing officers are never delegated).</summary>
public enum ServiceScope
{
    LookedAfterChildren,
    CareLeavers,
    ChildProtection,
    ChildrenInNeed,
    CarePlanning,
    Adoption,
}

public static class ServiceScopes
{
    /// <summary>The word the registry uses for a scope (its events carry these).</summary>
    public static string Word(this ServiceScope scope) => scope switch
    {
        ServiceScope.LookedAfterChildren => "looked-after-children",
        ServiceScope.CareLeavers => "care-leavers",
        ServiceScope.ChildProtection => "child-protection",
        ServiceScope.ChildrenInNeed => "children-in-need",
        ServiceScope.CarePlanning => "care-planning",
        ServiceScope.Adoption => "adoption",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };
}
