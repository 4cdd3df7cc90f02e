namespace Platform.Inspections.Domain;

/// <summary>
/// What makes one inspection: the authority, the publication date, and whether it is a graded
/// inspection or a visit. The same inspection posted twice, or met in two imports, is one judgement.
/// </summary>
public readonly record struct InspectionKey(string LocalAuthority, DateOnly PublicationDate, bool Graded)
{
    public static InspectionKey Of(JudgementFacts facts) => new(facts.LocalAuthority, facts.PublicationDate, facts.Framework.HasOverallGrade());
}
