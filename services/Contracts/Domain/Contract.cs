namespace Platform.Contracts.Domain;

/// <summary>DOMAIN P2 service scopes a contract can cover.</summary>
public enum ServiceScope
{
    LookedAfterChildren,
    CareLeavers,
    ChildProtection,
    ChildrenInNeed,
    CarePlanning,
    Adoption,
}

public enum ContractStatus
{
    Draft,
}

/// <summary>C1: a contract between a commissioning council and a provider, for scopes, a value and a term.</summary>
public sealed class Contract
{
    public Guid Id { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public Guid ProviderId { get; private set; }

    public string Title { get; private set; } = "";

    public List<ServiceScope> Scopes { get; private set; } = [];

    public decimal Value { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public ContractStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    private Contract()
    {
    }

    public static Contract Draft(
        string localAuthority, Guid providerId, string title, IEnumerable<ServiceScope> scopes, decimal value,
        DateOnly startDate, DateOnly endDate, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            ProviderId = providerId,
            Title = title,
            Scopes = scopes.Distinct().Order().ToList(),
            Value = value,
            StartDate = startDate,
            EndDate = endDate,
            Status = ContractStatus.Draft,
            CreatedAt = now,
            CreatedBy = createdBy,
        };

    /// <summary>C1 shape checks, each naming the field it concerns.</summary>
    public static IEnumerable<(string Field, string Message)> Check(string title, IReadOnlyCollection<ServiceScope> scopes, decimal value, DateOnly startDate, DateOnly endDate)
    {
        if (title.Length > 300)
        {
            yield return ("title", "The title is longer than 300 characters.");
        }

        if (scopes.Count == 0)
        {
            yield return ("scopes", "A contract covers at least one service scope (DOMAIN P2).");
        }

        if (value < 0)
        {
            yield return ("value", "The contract value cannot be negative.");
        }

        if (endDate <= startDate)
        {
            yield return ("endDate", "The term must end after it starts.");
        }
    }
}
