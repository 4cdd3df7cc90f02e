using Platform.Contracts.Domain;
using Platform.Contracts.Domain.ReadModels;

namespace Platform.Contracts.Api;

/// <summary>Where the provider stands now for this contract's scopes, from the registry's events (C2).</summary>
public sealed record ProviderStandingResponse(
    string? Name, bool Known, bool ApprovedForEveryScope, IReadOnlyList<ServiceScope> NotApprovedFor, IReadOnlyList<string> Flags,
    string? ConflictOfInterest, DateTimeOffset? AsOf);

public sealed record ContractResponse(
    Guid Id,
    string LocalAuthority,
    Guid ProviderId,
    string Title,
    IReadOnlyList<ServiceScope> Scopes,
    decimal Value,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<DateOnly> BreakPoints,
    IReadOnlyList<Kpi> Kpis,
    ReviewCadence? ReviewCadence,
    ContractStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AwardedAt,
    DateOnly? EndedOn,
    string? EndReason,
    ProviderStandingResponse Provider,
    IReadOnlyList<Review> Reviews,
    IReadOnlyList<RemedialNotice> RemedialNotices,
    IReadOnlyList<Variation> Variations,
    IReadOnlyList<Payment> Payments,
    int Revision)
{
    public static ContractResponse From(Contract c, ProviderStanding? provider)
    {
        var notApproved = provider is null ? c.Scopes : c.Scopes.Where(scope => !provider.ApprovedScopes.Contains(scope.Word())).ToList();
        var standing = new ProviderStandingResponse(
            provider?.Name, provider is not null, provider is not null && notApproved.Count == 0, notApproved, provider?.Flags ?? [],
            provider?.ConflictOfInterest, provider?.UpdatedAt);
        return new(
            c.Id, c.LocalAuthority, c.ProviderId, c.Title, c.Scopes, c.Value, c.StartDate, c.EndDate, c.BreakPoints, c.Kpis, c.ReviewCadence,
            c.Status, c.CreatedAt, c.AwardedAt, c.EndedOn, c.EndReason, standing, c.Reviews, c.RemedialNotices, c.Variations, c.Payments, c.Revision);
    }
}
