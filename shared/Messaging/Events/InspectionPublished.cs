namespace Platform.Messaging.Events;

/// <summary>
/// Ofsted published a judgement on an authority's children's services, or a correction to one
/// (a higher <see cref="Version"/> of the same <see cref="JudgementId"/>, which replaces the earlier).
/// </summary>
public sealed record InspectionPublished : IntegrationEvent
{
    public required Guid JudgementId { get; init; }

    public int Version { get; init; } = 1;

    /// <summary>The trust that ran the services when inspected, if any.</summary>
    public Guid? ProviderId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary>Kebab-case framework word, e.g. <c>ilacs-standard</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>Kebab-case grade word (<c>inadequate</c>), or null for visits that carry no overall grade.</summary>
    public string? Overall { get; init; }

    public DateOnly? InspectionStartDate { get; init; }

    public DateOnly? InspectionEndDate { get; init; }

    public required DateOnly PublicationDate { get; init; }

    /// <summary>Key judgements as kebab-case grade words, null where not judged.</summary>
    public string? ImpactOfLeaders { get; init; }

    public string? HelpAndProtection { get; init; }

    public string? InCare { get; init; }

    public string? CareLeavers { get; init; }

    public bool WholesaleInadequateServices { get; init; }

    public bool CorporateFailureBySeniorLeaders { get; init; }

    public override string Subject => LocalAuthority;
}
