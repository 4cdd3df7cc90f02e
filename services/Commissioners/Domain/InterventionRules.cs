namespace Platform.Commissioners.Domain;

/// <summary>
/// R1-R3 of DOMAIN.md: when an intervention case becomes persistent or systemic failure and a
/// commissioner is required (T2). Pure functions of an authority's judgements and the policy.
/// </summary>
public static class InterventionRules
{
    public const string PersistentFailure = "R1";
    public const string SystemicFailure = "R2";
    public const string NoImprovement = "R3";

    /// <summary>R1's threshold: seeds-2015 "more than two", dfe-2016 "more than one" inadequate judgements.</summary>
    public static int PersistentFailureThreshold(InterventionPolicy policy) => policy == InterventionPolicy.Seeds2015 ? 3 : 2;

    /// <summary>R1 or R2, evaluated when a judgement is published; null when neither fires.</summary>
    public static RuleFinding? AtPublication(InterventionPolicy policy, JudgementRecord published, IEnumerable<JudgementRecord> history, DateOnly evaluationDate) =>
        PersistentFailureFinding(policy, history, evaluationDate) ?? SystemicFailureFinding(policy, published);

    /// <summary>
    /// R1: enough overall inadequate judgements published in the five years up to the evaluation
    /// date. The window includes a judgement published exactly five years before; a duplicate never counts.
    /// </summary>
    public static RuleFinding? PersistentFailureFinding(InterventionPolicy policy, IEnumerable<JudgementRecord> history, DateOnly evaluationDate)
    {
        var windowStart = evaluationDate.AddYears(-5);
        var inadequate = history
            .Where(j => j.IsInadequate && j.PublicationDate >= windowStart && j.PublicationDate <= evaluationDate)
            .OrderBy(j => j.PublicationDate)
            // One inspection is published once: two records of one day are one judgement, counted once.
            .DistinctBy(j => j.PublicationDate)
            .ToList();
        var threshold = PersistentFailureThreshold(policy);
        if (inadequate.Count < threshold)
        {
            return null;
        }

        var dates = string.Join(", ", inadequate.Select(j => j.PublicationDate.ToString("yyyy-MM-dd")));
        return new RuleFinding(
            PersistentFailure,
            policy,
            $"Persistent failure (R1, {Name(policy)}): {inadequate.Count} inadequate judgements in the five years to {evaluationDate:yyyy-MM-dd} "
            + $"({dates}); the threshold is {threshold}.",
            inadequate.Select(j => j.JudgementId).ToList());
    }

    /// <summary>
    /// R2. seeds-2015: the judgement found wholesale inadequate services and corporate failure by
    /// senior leaders; for ILACS data without those flags, every graded key judgement is inadequate,
    /// impact of leaders among them. dfe-2016: inadequate across the board, every key judgement
    /// graded and inadequate.
    /// </summary>
    public static RuleFinding? SystemicFailureFinding(InterventionPolicy policy, JudgementRecord judgement)
    {
        if (!judgement.IsInadequate)
        {
            return null;
        }

        var graded = judgement.KeyJudgements.Where(key => key.Grade is not null).ToList();
        var allGradedInadequate = graded.Count > 0 && graded.All(key => key.Grade == JudgementRecord.Inadequate);
        string? because = policy switch
        {
            InterventionPolicy.Seeds2015 when judgement.WholesaleInadequateServices && judgement.CorporateFailureBySeniorLeaders =>
                "it found wholesale inadequate services and corporate failure by senior leaders",
            InterventionPolicy.Seeds2015 when judgement.IsIlacs && allGradedInadequate && judgement.ImpactOfLeaders == JudgementRecord.Inadequate =>
                $"every graded key judgement is inadequate, impact of leaders included ({string.Join(", ", graded.Select(key => key.Name))})",
            InterventionPolicy.Dfe2016 when AcrossTheBoard(judgement) =>
                "it is inadequate across the board on all key judgements",
            _ => null,
        };

        return because is null
            ? null
            : new RuleFinding(
                SystemicFailure,
                policy,
                $"Systemic failure (R2, {Name(policy)}): the {judgement.Describe()} is inadequate and {because}.",
                [judgement.JudgementId]);
    }

    /// <summary>
    /// dfe-2016's "across the board": the three key judgements every framework grades, and care leavers
    /// unless they were judged with children in care, all inadequate.
    /// </summary>
    private static bool AcrossTheBoard(JudgementRecord judgement)
    {
        var required = new[] { judgement.ImpactOfLeaders, judgement.HelpAndProtection, judgement.InCare };
        var careLeaversJudgedApart = judgement.CareLeavers is not null;
        return required.All(grade => grade == JudgementRecord.Inadequate)
            && (!careLeaversJudgedApart || judgement.CareLeavers == JudgementRecord.Inadequate);
    }

    /// <summary>R3: the authority is inadequate and the six-month review found insufficient progress, or none was recorded by then.</summary>
    public static RuleFinding NoImprovementFinding(InterventionPolicy policy, JudgementRecord triggering, DateOnly reviewDue, bool reviewMissed) =>
        new(
            NoImprovement,
            policy,
            reviewMissed
                ? $"No improvement (R3, {Name(policy)}): after the {triggering.Describe()}, no progress review was recorded by {reviewDue:yyyy-MM-dd}."
                : $"No improvement (R3, {Name(policy)}): after the {triggering.Describe()}, the six-month review found progress insufficient.",
            [triggering.JudgementId]);

    public static string Name(InterventionPolicy policy) => policy == InterventionPolicy.Seeds2015 ? "seeds-2015" : "dfe-2016";
}
