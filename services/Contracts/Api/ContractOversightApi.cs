using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Contracts.Domain.ReadModels;
using Platform.Messaging.Events;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

/// <summary>C3 reviews with their breaches and remedial notices, and payments under a contract.</summary>
public static class ContractOversightApi
{
    public static RouteGroupBuilder MapContractOversight(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/reviews", ReviewAsync).RequireAuthorization(Roles.Council);
        group.MapPost("/{id:guid}/payments", PayAsync).RequireAuthorization(Roles.Council);
        return group;
    }

    /// <summary>
    /// Rates every KPI for the next review period that has ended: from the figure submitted, else
    /// from the authority's newest workforce return at or before the period's end (W2-W5). Two reds
    /// in a row for a KPI are a breach: a remedial notice is issued and ContractBreachDetected published.
    /// </summary>
    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ReviewAsync(
        Guid id, ReviewRequest request, ContractsDbContext db, TimeProvider time, IOptions<ContractsOptions> options, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var figures = new Dictionary<KpiMeasure, decimal>();
        var submitted = request.Figures ?? [];
        for (var i = 0; i < submitted.Count; i++)
        {
            var hasMeasure = validation.Required(submitted[i].Measure, $"figures[{i}].measure");
            if (validation.Required(submitted[i].Value, $"figures[{i}].value") && hasMeasure)
            {
                var measure = submitted[i].Measure!.Value;
                if (KpiRules.OutOfRange(measure, submitted[i].Value!.Value) is { } outOfRange)
                {
                    validation.Add($"figures[{i}].value", outOfRange);
                }
                else if (!figures.TryAdd(measure, submitted[i].Value!.Value))
                {
                    validation.Add($"figures[{i}].measure", "One figure per measure (C3).");
                }
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ContractChanges.ApplyAsync(id, db, user, async (contract, _) =>
        {
            var unknown = figures.Keys.Where(measure => contract.Kpis.All(kpi => kpi.Measure != measure)).ToList();
            if (unknown.Count > 0)
            {
                return ChangeRefusal.Because(new Validation().Add("figures", $"The contract has no KPI for {string.Join(", ", unknown)} (C3)."));
            }

            var (_, _, periodEnd) = contract.NextReviewPeriod();
            var censusYearLimit = periodEnd.Month >= 10 ? periodEnd.Year : periodEnd.Year - 1;
            var workforce = await db.Workforce.AsNoTracking()
                .Where(w => w.LocalAuthority == contract.LocalAuthority && w.CensusYear <= censusYearLimit)
                .OrderByDescending(w => w.CensusYear)
                .FirstOrDefaultAsync(cancellationToken);
            var ratings = contract.Kpis.Select(kpi => Rate(kpi, figures, workforce)).ToList();

            var today = time.Today();
            var now = time.GetUtcNow();
            var (_, notice) = contract.RecordReview(ratings, today, options.Value.RemedialNoticeDays, user.Identity?.Name ?? "unknown", now);
            if (notice is not null)
            {
                db.AddEvent(new ContractBreachDetected
                {
                    OccurredAt = now,
                    ContractId = contract.Id,
                    LocalAuthority = contract.LocalAuthority,
                    ProviderId = contract.ProviderId,
                    ReviewSequence = notice.ReviewSequence,
                    Measures = [.. notice.Measures.Select(KpiWord)],
                    RemedialNoticeId = notice.Id,
                    RemedyDueOn = notice.DueOn,
                });
            }

            return null;
        }, cancellationToken);
    }

    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PayAsync(
        Guid id, PaymentRequest request, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Date, "date");
        if (validation.Required(request.Amount, "amount") && request.Amount <= 0)
        {
            validation.Add("amount", "A payment is more than zero.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ContractChanges.ApplyAsync(id, db, user, (contract, _) =>
        {
            contract.RecordPayment(request.Date!.Value, request.Amount!.Value, user.Identity?.Name ?? "unknown", time.GetUtcNow());
            return Task.FromResult<ChangeRefusal?>(null);
        }, cancellationToken);
    }

    private static KpiRating Rate(Kpi kpi, Dictionary<KpiMeasure, decimal> figures, WorkforceFigures? workforce)
    {
        var (actual, source) = figures.TryGetValue(kpi.Measure, out var figure)
            ? (figure, "submitted")
            : workforce is not null && KpiRules.FromWorkforce(kpi.Measure, workforce) is { } fromReturn
                ? (fromReturn, string.Create(CultureInfo.InvariantCulture, $"workforce return {workforce.CensusYear} (version {workforce.Version})"))
                : ((decimal?)null, "none");
        return new KpiRating { Measure = kpi.Measure, Target = kpi.Target, Actual = actual, Source = source, Rating = KpiRules.Rate(kpi, actual) };
    }

    /// <summary>The kebab-case word the API uses for a measure.</summary>
    private static string KpiWord(KpiMeasure measure) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(measure.ToString());
}
