using Platform.Contracts.Domain;

namespace Platform.Contracts.Api;

public sealed record KpiRequest(KpiMeasure? Measure, decimal? Target, decimal? AmberMargin);

public sealed record DraftContractRequest(
    string? LocalAuthority,
    Guid? ProviderId,
    string? Title,
    IReadOnlyList<ServiceScope>? Scopes,
    decimal? Value,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<DateOnly>? BreakPoints = null,
    IReadOnlyList<KpiRequest>? Kpis = null,
    ReviewCadence? ReviewCadence = null);

/// <summary>C4: the terms to change (those left out stay as they are) and why.</summary>
public sealed record VariationRequest(
    string? Reason,
    string? Title = null,
    IReadOnlyList<ServiceScope>? Scopes = null,
    decimal? Value = null,
    DateOnly? EndDate = null,
    IReadOnlyList<DateOnly>? BreakPoints = null,
    IReadOnlyList<KpiRequest>? Kpis = null,
    ReviewCadence? ReviewCadence = null);

public sealed record TerminationRequest(string? Reason, DateOnly? LastDay);

public sealed record FigureRequest(KpiMeasure? Measure, decimal? Value);

/// <summary>C3: the figures submitted for the next review period; KPIs without one take the workforce return's.</summary>
public sealed record ReviewRequest(IReadOnlyList<FigureRequest>? Figures);

public sealed record PaymentRequest(DateOnly? Date, decimal? Amount);

public sealed record ContractSearch(ContractStatus? Status, Guid? ProviderId, string? LocalAuthority, int? Page, int? PageSize);
