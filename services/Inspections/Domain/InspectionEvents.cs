using Platform.Messaging.Events;

namespace Platform.Inspections.Domain;

public static class InspectionEvents
{
    public static InspectionPublished Published(Judgement judgement) => new()
    {
        OccurredAt = judgement.RecordedAt,
        JudgementId = judgement.JudgementId,
        Version = judgement.Version,
        LocalAuthority = judgement.LocalAuthority,
        ProviderId = judgement.ProviderId,
        Framework = Words.Of(judgement.Framework),
        Overall = Words.Of(judgement.Overall),
        InspectionStartDate = judgement.InspectionStartDate,
        InspectionEndDate = judgement.InspectionEndDate,
        PublicationDate = judgement.PublicationDate,
        ImpactOfLeaders = Words.Of(judgement.SubJudgements.ImpactOfLeaders),
        HelpAndProtection = Words.Of(judgement.SubJudgements.HelpAndProtection),
        InCare = Words.Of(judgement.SubJudgements.InCare),
        CareLeavers = Words.Of(judgement.SubJudgements.CareLeavers),
        WholesaleInadequateServices = judgement.WholesaleInadequateServices,
        CorporateFailureBySeniorLeaders = judgement.CorporateFailureBySeniorLeaders,
    };
}
