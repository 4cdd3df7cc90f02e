namespace Platform.Messaging.Events;

/// <summary>Ofsted published a judgement on an authority's children's services.</summary>
public sealed record InspectionPublished : IntegrationEvent
{
    public required Guid JudgementId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary>Kebab-case framework word, e.g. <c>ilacs-standard</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>Kebab-case grade word (<c>inadequate</c>), or null for visits that carry no overall grade.</summary>
    public string? Overall { get; init; }

    public required DateOnly InspectionStartDate { get; init; }

    public required DateOnly InspectionEndDate { get; init; }

    public required DateOnly PublicationDate { get; init; }

    public override string Subject => LocalAuthority;
}
