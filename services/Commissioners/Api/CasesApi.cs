using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging;
using Platform.Messaging.Data;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Commissioners.Api;

public static class CasesApi
{
    /// <summary>DfE; a council, its own authority's cases; a commissioner, the cases of the authorities it is appointed to.</summary>
    public static readonly string[] Readers = [Roles.Dfe, Roles.Council, Roles.Commissioner];

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/commissioners/cases")
            .WithTags("Intervention cases")
            .RequireAuthorization(Policies.AnyOf(Readers));

        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/partner-suggestions", PartnerSuggestionsAsync);
        group.MapPost("/{id:guid}/improvement-plan", RecordImprovementPlanAsync).RequireAuthorization(Roles.Dfe);
        group.MapPost("/{id:guid}/review", RecordReviewAsync).RequireAuthorization(Roles.Dfe);
        group.MapPost("/{id:guid}/appointment", AppointAsync).RequireAuthorization(Roles.Dfe);
        group.MapPost("/{id:guid}/outcome", DecideOutcomeAsync).RequireAuthorization(Roles.Dfe);
        group.MapPost("/{id:guid}/closure", CloseAsync).RequireAuthorization(Roles.Dfe);
        return group;
    }

    /// <summary>Cases, newest first; a council or commissioner must name an authority of its own and sees only that one.</summary>
    public static async Task<Results<Ok<Paged<CaseResponse>>, ValidationProblem, ForbidHttpResult>> ListAsync(
        LocalAuthorityQuery authority, int? page, int? pageSize, CommissionersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var la = authority.Value;
        var validation = new Validation();
        if (la is not null && await db.ExplainUnusableAuthorityAsync(la, cancellationToken) is { } problem)
        {
            validation.Add(authority.Field, problem);
        }
        else if (la is null && !user.IsInRole(Roles.Dfe))
        {
            validation.Add(authority.Field, $"A council lists the cases of its own authority: give '{LocalAuthorityQuery.Name}'.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (la is not null && !user.MayAccessAuthority(la))
        {
            return TypedResults.Forbid();
        }

        var paging = PageRequest.From(page, pageSize);
        var query = db.Cases.AsNoTracking();
        if (la is not null)
        {
            query = query.Where(c => c.LocalAuthority == la);
        }

        var cases = await query.Include(c => c.Transitions).AsSplitQuery()
            .OrderByDescending(c => c.JudgementPublished).ThenByDescending(c => c.OpenedAt)
            .ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(cases.Map(CaseResponse.From));
    }

    /// <summary>One case, with its version as <c>ETag</c> for a move sent with <c>If-Match</c>.</summary>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, CommissionersDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await db.CasesWithHistory.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return NotFound(id);
        }

        if (!user.MayAccessAuthority(found.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        EntityTag.Answer(http, found.Version);
        return TypedResults.Ok(CaseResponse.From(found));
    }

    /// <summary>T6: authorities that could take over this case's services, best first, each with its reason.</summary>
    public static async Task<Results<Ok<Paged<PartnerSuggestion>>, ProblemHttpResult, ForbidHttpResult>> PartnerSuggestionsAsync(
        Guid id, int? page, int? pageSize, CommissionersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return NotFound(id);
        }

        if (!user.MayAccessAuthority(found.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        // Partners are authorities that exist today (T6); the case's own authority may have ended since.
        var authorities = await db.CurrentLocalAuthorities().ToListAsync(cancellationToken);
        var subject = authorities.FirstOrDefault(la => la.Gss == found.LocalAuthority)
            ?? await db.Set<KnownLocalAuthority>().AsNoTracking().FirstOrDefaultAsync(la => la.Gss == found.LocalAuthority, cancellationToken);
        if (subject is null)
        {
            return TypedResults.Problem($"{found.LocalAuthority} is not in this service's directory.", statusCode: StatusCodes.Status409Conflict);
        }

        var graded = await db.Judgements.AsNoTracking().Where(j => j.Overall != null).ToListAsync(cancellationToken);
        var latest = graded.GroupBy(j => j.LocalAuthority)
            .ToDictionary(group => group.Key, group => group.OrderByDescending(j => j.PublicationDate).First());
        var underIntervention = (await db.Cases.Where(c => c.Status != CaseStatus.Closed).Select(c => c.LocalAuthority).ToListAsync(cancellationToken))
            .ToHashSet();
        return TypedResults.Ok(PartnerSuggestions.Rank(subject, authorities, latest, underIntervention).ToPage(PageRequest.From(page, pageSize)));
    }

    public static Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> RecordImprovementPlanAsync(
        Guid id, ImprovementPlanRequest request, [AsParameters] CaseChangeContext context)
    {
        var validation = new Validation();
        RequirePastDate(validation, request.ReceivedOn, "receivedOn", context.Time);
        return context.ChangeAsync(id, validation, (c, by, now) =>
        {
            c.RecordImprovementPlan(request.ReceivedOn!.Value, by, now);
            return Task.CompletedTask;
        });
    }

    public static Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> RecordReviewAsync(
        Guid id, ReviewRequest request, [AsParameters] CaseChangeContext context)
    {
        var validation = new Validation();
        RequirePastDate(validation, request.ReviewedOn, "reviewedOn", context.Time);
        validation.Required(request.Progress, "progress");
        return context.ChangeAsync(id, validation, async (c, by, now) =>
        {
            var triggering = await context.Db.Judgements.FindAsync([c.TriggeringJudgementId], context.CancellationToken)
                ?? throw new InvalidOperationException($"The judgement that opened case {c.Id} is missing from the history.");
            c.RecordReview(request.ReviewedOn!.Value, request.Progress!.Value, triggering, by, now);
        });
    }

    /// <summary>T2 with T7: the commissioner comes from the register and must be eligible for this authority.</summary>
    public static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> AppointAsync(
        Guid id, AppointmentRequest request, IOptions<InterventionOptions> options, [AsParameters] CaseChangeContext context)
    {
        var validation = new Validation();
        CommissionerProfile? commissioner = null;
        if (validation.Required(request.CommissionerId, "commissionerId"))
        {
            commissioner = await context.Db.Register.FindAsync([request.CommissionerId!.Value], context.CancellationToken);
            if (commissioner is null)
            {
                validation.Add("commissionerId", "No commissioner on the register has this id.");
            }
        }

        validation.Required(request.DirectionReference, "directionReference");
        RequirePastDate(validation, request.AppointedOn, "appointedOn", context.Time);
        return await context.ChangeAsync(id, validation, async (c, by, now) =>
        {
            // T7 counts the commissioner's other appointments: two appointments of one commissioner at once
            // must not both count the same few, in this replica or another.
            await context.Db.LockCommissionerAsync(commissioner!.Id, context.CancellationToken);
            var current = await context.Db.CurrentAppointments
                .Where(other => other.CommissionerId == commissioner!.Id)
                .Select(other => other.LocalAuthority)
                .ToListAsync(context.CancellationToken);
            if (c.Status == CaseStatus.CommissionerRequired
                && commissioner!.WhyNotEligible(c.LocalAuthority, current, options.Value.MaxConcurrentAppointments) is { } reason)
            {
                throw new RuleViolationException("T7", reason);
            }

            c.AppointCommissioner(commissioner!, request.DirectionReference!, request.AppointedOn!.Value, by, now);
        });
    }

    public static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> DecideOutcomeAsync(
        Guid id, OutcomeRequest request, [AsParameters] CaseChangeContext context)
    {
        var validation = new Validation();
        validation.Required(request.Outcome, "outcome");
        validation.Required(request.Reasons, "reasons");
        RequirePastDate(validation, request.DecidedOn, "decidedOn", context.Time);
        if (request.TakeoverAuthority is not null
            && await context.Db.ExplainUnusableAuthorityAsync(request.TakeoverAuthority, context.CancellationToken) is { } problem)
        {
            validation.Add("takeoverAuthority", problem);
        }

        return await context.ChangeAsync(id, validation, async (c, by, now) =>
        {
            if (request.TakeoverAuthority is { } partner)
            {
                await CheckTakeoverPartnerAsync(context.Db, partner, context.CancellationToken);
            }

            c.DecideOutcome(request.Outcome!.Value, request.Reasons!, request.TakeoverAuthority, request.DecidedOn!.Value, by, now);
        });
    }

    public static Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid id, ClosureRequest request, [AsParameters] CaseChangeContext context)
    {
        var validation = new Validation();
        validation.Required(request.Reason, "reason");
        return context.ChangeAsync(id, validation, (c, by, now) =>
        {
            c.Close(request.Reason!, by, now);
            return Task.CompletedTask;
        });
    }

    /// <summary>T3: a takeover goes to a high-performing authority (latest grade good or outstanding) not itself under intervention.</summary>
    private static async Task CheckTakeoverPartnerAsync(CommissionersDbContext db, string partner, CancellationToken cancellationToken)
    {
        var latest = await db.Judgements.Where(j => j.LocalAuthority == partner && j.Overall != null)
            .OrderByDescending(j => j.PublicationDate).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Overall is not ("good" or "outstanding"))
        {
            throw new RuleViolationException("T3", $"{partner} is not a high-performing authority: its latest overall grade is {latest?.Overall ?? "not recorded"}.");
        }

        if (await db.Cases.AnyAsync(c => c.LocalAuthority == partner && c.Status != CaseStatus.Closed, cancellationToken))
        {
            throw new RuleViolationException("T6", $"{partner} is itself under intervention.");
        }
    }

    private static void RequirePastDate(Validation validation, DateOnly? date, string field, TimeProvider time)
    {
        if (validation.Required(date, field) && date > time.Today())
        {
            validation.Add(field, $"'{field}' cannot be in the future.");
        }
    }

    internal static ProblemHttpResult NotFound(Guid id) =>
        NotFoundProblem.For($"No intervention case has the id '{id}'.");

    /// <summary>What every move on a case needs; the move itself is the domain's.</summary>
    public readonly record struct CaseChangeContext(CommissionersDbContext Db, TimeProvider Time, ClaimsPrincipal User, HttpContext Http, CancellationToken CancellationToken)
    {
        /// <summary>
        /// Loads the case, makes the move (refused moves answer 409 naming the rule), saves it with its
        /// events. A move sent with <c>If-Match</c> for an earlier version is a 412; of two moves racing
        /// on one case, the one that saves second is a 409 and changes nothing.
        /// </summary>
        public async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
            Guid id, Validation validation, Func<InterventionCase, string, DateTimeOffset, Task> move)
        {
            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }

            // A move may read more than its case (T7 counts the commissioner's other appointments) and lock
            // what it reads; the transaction holds those locks until the move is saved.
            await using var transaction = await Db.BeginOrJoinTransactionAsync(CancellationToken);
            var interventionCase = await Db.CasesWithHistory.FirstOrDefaultAsync(c => c.Id == id, CancellationToken);
            if (interventionCase is null)
            {
                return NotFound(id);
            }

            if (EntityTag.RefuseIfChanged(Http, interventionCase.Version) is { } changed)
            {
                return changed;
            }

            var now = Time.GetUtcNow();
            var before = interventionCase.Transitions.Count;
            try
            {
                await move(interventionCase, User.Identity?.Name ?? "unknown", now);
            }
            catch (RuleViolationException refused)
            {
                return RuleViolation.Problem(refused.Rule, refused.Message);
            }

            foreach (var integrationEvent in CaseEvents.Since(interventionCase, before, now))
            {
                Db.AddEvent(integrationEvent);
            }

            // Of two moves racing on the case, the second to save fails on its version: a 409 (ConcurrentWriteExceptionHandler).
            await Db.SaveChangesAsync(CancellationToken);
            await transaction.CommitAsync(CancellationToken);

            EntityTag.Answer(Http, interventionCase.Version);
            return TypedResults.Ok(CaseResponse.From(interventionCase));
        }
    }
}
