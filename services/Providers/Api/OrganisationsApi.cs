using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging.Idempotency;
using Platform.Providers.Data;
using Platform.Providers.Domain.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Providers.Api;

/// <summary>The registry: organisations register for scopes, the registrar decides, the for-profit ban (P2/P3) is enforced here.</summary>
public static class OrganisationsApi
{
    public static readonly string[] Registrants = [Roles.Council, Roles.Provider, Roles.Registrar];

    public static RouteGroupBuilder MapOrganisationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/providers/organisations").WithTags("Registry").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/", RegisterAsync).RequireAuthorization(Policies.AnyOf(Registrants));
        group.MapGet("/", SearchAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/decisions", DecideAsync).RequireAuthorization(Roles.Registrar);
        group.MapPost("/{id:guid}/changes", ChangeAsync).RequireAuthorization(Roles.Registrar);
        return group;
    }

    public static async Task<Results<Created<OrganisationResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> RegisterAsync(
        RegisterOrganisationRequest request, ProvidersDbContext db, IOptions<RegistryOptions> options, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Name, "name");
        CheckLegalForm(request, validation);
        CheckScopes(request.Scopes, validation);
        CheckPlacements(request, validation);
        if (request.Controller is { } controller)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == controller.OrganisationId, cancellationToken))
            {
                validation.Add("controller.organisationId", "No organisation on the registry has this id.");
            }

            if (controller.VotingRightsShare is < 0 or > 1)
            {
                validation.Add("controller.votingRightsShare", "A share of voting rights is between 0 and 1.");
            }
        }

        var (council, councilField) = request.RegisteringAuthority;
        if (council is not null && !await db.LocalAuthorities.AnyAsync(la => la.Gss == council, cancellationToken))
        {
            validation.Add(councilField, $"'{council}' is not a registered local authority.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (user.IsInRole(Roles.Council) && (council is null || !user.MayAccessAuthority(council)))
        {
            return TypedResults.Forbid();
        }

        // A provider registers only what it controls: an organisation naming one of the provider's own as its
        // controller, on no council's behalf.
        var controlledByCaller = request.Controller is { } named && user.Providers().Contains(named.OrganisationId);
        if (user.IsInRole(Roles.Provider) && !user.IsInRole(Roles.Registrar) && (!controlledByCaller || council is not null))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var link = request.Controller is { } given ? new ControlLink(given.OrganisationId, given.VotingRightsShare, given.AppointsBoard ?? false) : null;
        var verified = user.IsInRole(Roles.Registrar) || controlledByCaller;
        var details = new OrganisationDetails(
            request.Name!, request.Type!, request.Subtype, request.CompanyNumber, request.CharityNumber, request.RegisteredAddress,
            verified ? link : null, request.RegisteredAdoptionSociety ?? false, request.PlacementRoles ?? [], request.OfstedUrn);
        var organisation = Organisation.Register(details, request.Scopes!, council, user.Identity?.Name ?? "unknown", now);
        if (link is not null && !verified)
        {
            organisation.ClaimControl(link);
        }

        IReadOnlyList<RegistryEntry> chain;
        try
        {
            chain = await RegistryChains.FollowAsync(db, organisation.ToEntry(), cancellationToken);
        }
        catch (ControlCycleException cycle)
        {
            return RuleViolation.Problem("P3", cycle.Message, StatusCodes.Status400BadRequest, "controller.organisationId");
        }

        db.Organisations.Add(organisation);
        db.Audit.Add(new RegistryAuditEntry(Guid.NewGuid(), organisation.Id, "registered",
            $"{organisation.Name} registered ({organisation.Type}) for {string.Join(", ", organisation.Scopes.Select(s => s.Scope))}.", organisation.RegisteredBy, now));
        if (organisation.ClaimedController is { } claim)
        {
            db.Audit.Add(new RegistryAuditEntry(Guid.NewGuid(), organisation.Id, "control-claimed",
                $"Control by {claim.ControllerId} claimed; it takes effect once the registrar verifies it (P3).", organisation.RegisteredBy, now));
        }

        organisation.PlaceInGroup(chain[^1].Id);
        var group = await db.Organisations.Where(o => o.GroupId == organisation.GroupId).ToListAsync(cancellationToken);
        foreach (var member in ConflictsOfInterest.Reassess([.. group, organisation]))
        {
            db.Audit.Add(new RegistryAuditEntry(Guid.NewGuid(), member.Id, member.ConflictOfInterest is null ? "conflict-cleared" : "conflict-flagged",
                member.ConflictOfInterest ?? "No longer in a conflict of interest (P4).", organisation.RegisteredBy, now));
            if (member != organisation)
            {
                db.AddEvent(EligibilitySnapshot.Of(member, $"{organisation.Name} joined its corporate group.", now));
            }
        }

        db.AddEvent(EligibilitySnapshot.Of(organisation, "Registered.", now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/providers/organisations/{organisation.Id}", OrganisationResponse.From(organisation, chain, options.Value.Policy));
    }

    /// <summary>
    /// Search by scope applied for, legal form, eligibility for that scope (<c>eligible</c> or
    /// <c>ineligible</c>, decided now under the configured policy), registering council, flag and
    /// application status; paged, by name.
    /// </summary>
    public static async Task<Results<Ok<Paged<OrganisationResponse>>, ValidationProblem>> SearchAsync(
        [AsParameters] OrganisationSearch search, LocalAuthorityQuery registeredBy, ProvidersDbContext db, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (search.Scope is not null && !ServiceScopes.IsKnown(search.Scope))
        {
            validation.Add("scope", $"Expected one of: {string.Join(", ", ServiceScopes.All)} (P2).");
        }

        if (search.Eligibility is not null && (search.Eligibility is not ("eligible" or "ineligible") || search.Scope is null))
        {
            validation.Add("eligibility", "Expected eligible or ineligible, with a scope.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var registry = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
        var entries = registry.ToDictionary(o => o.Id, o => o.ToEntry());
        var policy = options.Value.Policy;
        var matches = registry
            .Where(o => search.Type is null || o.Type == search.Type)
            .Where(o => registeredBy.Value is null || o.Council == registeredBy.Value)
            .Where(o => search.Scope is null || o.Scopes.Any(a => a.Scope == search.Scope && (search.Status is null || a.Status == search.Status)))
            .Where(o => search.Scope is not null || search.Status is null || o.Scopes.Any(a => a.Status == search.Status))
            .Where(o => search.Flag is null || EligibilitySnapshot.FlagsOf(o).Contains(search.Flag))
            .Select(o => (Organisation: o, Chain: ControlChain.Follow(entries[o.Id], entries.GetValueOrDefault)))
            .Where(match => search.Eligibility is null
                || EligibilityRules.Decide(match.Chain, search.Scope!, policy).Eligible == (search.Eligibility == "eligible"))
            .OrderBy(match => match.Organisation.Name, StringComparer.Ordinal)
            .ToList();
        var paging = PageRequest.From(search.Page, search.PageSize);
        var items = matches.Skip(paging.Skip).Take(paging.PageSize).Select(match => OrganisationResponse.From(match.Organisation, match.Chain, policy)).ToList();
        return TypedResults.Ok(new Paged<OrganisationResponse>(items, paging.Page, paging.PageSize, matches.Count));
    }

    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ProvidersDbContext db, IOptions<RegistryOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound(id);
        }

        EntityTag.Answer(http, organisation.Version);
        var chain = await RegistryChains.FollowAsync(db, organisation.ToEntry(), cancellationToken);
        return TypedResults.Ok(OrganisationResponse.From(organisation, chain, options.Value.Policy));
    }

    /// <summary>The registrar approves a scope (only when the rules allow it) or rejects it; every decision is audited.</summary>
    public static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest request, ProvidersDbContext db, IOptions<RegistryOptions> options, TimeProvider time, ClaimsPrincipal user,
        HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Scope, "scope");
        if (validation.Required(request.Decision, "decision") && request.Decision is not ("approve" or "reject"))
        {
            validation.Add("decision", "Expected one of: approve, reject.");
        }

        if (request.Decision == "reject")
        {
            validation.Required(request.Reason, "reason");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockRegistryAsync(cancellationToken);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound(id);
        }

        if (EntityTag.RefuseIfChanged(http, organisation.Version) is { } changed)
        {
            return changed;
        }

        if (organisation.Scopes.All(s => s.Scope != request.Scope))
        {
            return new Validation().Add("scope", $"{organisation.Name} has not applied for '{request.Scope}'.").ToProblem();
        }

        var chain = await RegistryChains.FollowAsync(db, organisation.ToEntry(), cancellationToken);
        var eligibility = EligibilityRules.Decide(chain, request.Scope!, options.Value.Policy);
        var application = organisation.ApplicationFor(request.Scope!);
        var by = user.Identity?.Name ?? "unknown";
        var now = time.GetUtcNow();
        try
        {
            if (request.Decision == "approve")
            {
                application.Approve(eligibility, by, now);
            }
            else
            {
                application.Reject(eligibility.Eligible ? null : eligibility.Rule, request.Reason!, eligibility.Flags, by, now);
            }
        }
        catch (RegistryRuleException refused)
        {
            db.Audit.Add(new RegistryAuditEntry(Guid.NewGuid(), organisation.Id, "approval-refused", $"{request.Scope}: {refused.Message}", by, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var problem = RuleViolation.Problem(refused.Rule, refused.Message);
            problem.ProblemDetails.Extensions["chain"] = refused.Chain;
            return problem;
        }

        db.Audit.Add(new RegistryAuditEntry(Guid.NewGuid(), organisation.Id, request.Decision == "approve" ? "approved" : "rejected",
            $"{request.Scope}: {application.Reason}", by, now));
        db.AddEvent(EligibilitySnapshot.Of(organisation, $"{request.Scope} {(request.Decision == "approve" ? "approved" : "rejected")}: {application.Reason}", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EntityTag.Answer(http, organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation, chain, options.Value.Policy));
    }

    /// <summary>
    /// A change of legal form or controller: every approval of the organisation and of the
    /// organisations it controls is re-evaluated; those that fail are suspended, audited and announced
    /// with <c>ProviderEligibilityChanged</c>, in the same transaction.
    /// </summary>
    public static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, ChangeRequest request, ProvidersDbContext db, IOptions<RegistryOptions> options, TimeProvider time, ClaimsPrincipal user,
        HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Reason, "reason");
        CheckKnownType(request.Type, validation);

        if (request.Controller is { VotingRightsShare: < 0 or > 1 })
        {
            validation.Add("controller.votingRightsShare", "A share of voting rights is between 0 and 1.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockRegistryAsync(cancellationToken);
        // Read untracked and written back in bulk: a change at the top of a large group re-decides every
        // organisation below it, thousands of rows SaveChanges would update one statement at a time.
        var registry = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, cancellationToken);
        if (!registry.TryGetValue(id, out var organisation))
        {
            return NotFound(id);
        }

        if (EntityTag.RefuseIfChanged(http, organisation.Version) is { } changed)
        {
            return changed;
        }

        if (request.Controller is { } link && !registry.ContainsKey(link.OrganisationId))
        {
            return new Validation().Add("controller.organisationId", "No organisation on the registry has this id.").ToProblem();
        }

        organisation.Change(request.Type!, request.Subtype,
            request.Controller is { } controller ? new ControlLink(controller.OrganisationId, controller.VotingRightsShare, controller.AppointsBoard ?? false) : null);
        var entries = registry.Values.ToDictionary(o => o.Id, o => o.ToEntry());
        try
        {
            ControlChain.Follow(entries[id], entries.GetValueOrDefault);
        }
        catch (ControlCycleException cycle)
        {
            return RuleViolation.Problem("P3", cycle.Message, StatusCodes.Status400BadRequest, "controller.organisationId");
        }

        var by = user.Identity?.Name ?? "unknown";
        var now = time.GetUtcNow();
        var audit = new List<RegistryAuditEntry>
        {
            new(Guid.NewGuid(), id, "changed", $"Legal form {request.Type}{(request.Subtype is null ? "" : $" ({request.Subtype})")}, controller {request.Controller?.OrganisationId.ToString() ?? "none"}: {request.Reason}", by, now),
        };
        var events = new List<OutboxMessage>();
        var changes = Reevaluation.AfterChange(id, registry, options.Value.Policy, by, now);
        foreach (var change in changes)
        {
            var action = change.Suspended.Count > 0 ? "suspended" : "re-evaluated";
            audit.Add(new RegistryAuditEntry(Guid.NewGuid(), change.Organisation.Id, action, $"{string.Join(", ", change.Suspended)}: {change.Reason}".TrimStart(':', ' '), by, now));
            events.Add(MessagingDbContext.ToOutbox(EligibilitySnapshot.Of(change.Organisation, change.Reason, now, change.Suspended)));
        }

        var decidedAgain = changes.Select(change => change.Organisation).Prepend(organisation).DistinctBy(o => o.Id).ToList();
        await db.UpdateAllAsync(decidedAgain, cancellationToken);
        await db.UpdateAllAsync(decidedAgain.SelectMany(o => o.Scopes).ToList(), cancellationToken);
        await db.CopyAsync(audit, cancellationToken);
        await db.CopyAsync(events, cancellationToken);
        var version = await db.Organisations.Where(o => o.Id == id).Select(o => o.Version).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EntityTag.Answer(http, version);
        var chain = ControlChain.Follow(entries[id], entries.GetValueOrDefault);
        return TypedResults.Ok(OrganisationResponse.From(organisation, chain, options.Value.Policy));
    }

    /// <summary>P1: a known legal form, and the identifiers that form carries, in their formats.</summary>
    private static void CheckLegalForm(RegisterOrganisationRequest request, Validation validation)
    {
        if (!CheckKnownType(request.Type, validation))
        {
            return;
        }

        if (request.Subtype is not null && (request.Subtype != LegalForm.CommunityInterestCompany || request.Type is not ("ltd" or "private-limited-guarant-nsc")))
        {
            validation.Add("subtype", "The only subtype is community-interest-company, of a ltd or a company limited by guarantee (P1).");
        }

        if (LegalForm.NeedsCompanyNumber(request.Type!) && !validation.Required(request.CompanyNumber, "companyNumber"))
        {
            return;
        }

        if (request.CompanyNumber is not null && !LegalForm.IsCompanyNumber(request.CompanyNumber))
        {
            validation.Add("companyNumber", "A company number is eight digits, or two letters (SC, NI, OC...) and six digits (P1).");
        }

        if (request.Type is "registered-charity" or "charitable-incorporated-organisation")
        {
            validation.Required(request.CharityNumber, "charityNumber");
        }

        if (request.CharityNumber is not null && !LegalForm.IsCharityNumber(request.CharityNumber))
        {
            validation.Add("charityNumber", "A charity number (England and Wales) is six or seven digits (P1).");
        }
    }

    /// <summary>P1: the type is given and is a legal form the registry knows; returns whether it is.</summary>
    private static bool CheckKnownType(string? type, Validation validation)
    {
        if (!validation.Required(type, "type"))
        {
            return false;
        }

        if (!LegalForm.IsKnown(type))
        {
            validation.Add("type", $"Expected one of: {string.Join(", ", LegalForm.ProfitDistributing.Concat(LegalForm.NotForProfit))} (P1).");
            return false;
        }

        return true;
    }

    private static void CheckScopes(IReadOnlyList<string>? scopes, Validation validation)
    {
        if (scopes is null || scopes.Count == 0)
        {
            validation.Add("scopes", "Apply for at least one scope (P2).");
            return;
        }

        for (var i = 0; i < scopes.Count; i++)
        {
            if (!ServiceScopes.IsKnown(scopes[i]))
            {
                validation.Add($"scopes[{i}]", $"Expected one of: {string.Join(", ", ServiceScopes.All)} (P2).");
            }
        }
    }

    /// <summary>P4 roles from the list, and the Ofsted registration a provider of placements holds.</summary>
    private static void CheckPlacements(RegisterOrganisationRequest request, Validation validation)
    {
        var roles = request.PlacementRoles ?? [];
        for (var i = 0; i < roles.Count; i++)
        {
            if (!ConflictsOfInterest.PlacementRoles.Contains(roles[i]))
            {
                validation.Add($"placementRoles[{i}]", $"Expected one of: {string.Join(", ", ConflictsOfInterest.PlacementRoles)} (P4).");
            }
        }

        if (request.OfstedUrn is not null && !OfstedRegistration.IsUrn(request.OfstedUrn))
        {
            validation.Add("ofstedUrn", "An Ofsted unique reference number is SC and six digits, or six or seven digits.");
        }
        else if (request.OfstedUrn is null && roles.Contains(ConflictsOfInterest.ProvidesPlacements))
        {
            validation.Add("ofstedUrn", "A provider of placements (a children's home or fostering agency) is registered with Ofsted: give its unique reference number.");
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        NotFoundProblem.For($"No organisation has the id '{id}'.");
}

public sealed record ControllerRequest(Guid OrganisationId, decimal? VotingRightsShare, bool? AppointsBoard);

public sealed record RegisterOrganisationRequest(
    string? Name, string? Type, string? Subtype, string? CompanyNumber, string? CharityNumber, string? RegisteredAddress,
    ControllerRequest? Controller, IReadOnlyList<string>? Scopes, bool? RegisteredAdoptionSociety, string? LocalAuthority = null,
    IReadOnlyList<string>? PlacementRoles = null, string? OfstedUrn = null,
    [property: Obsolete("Use localAuthority; council is read for one more release.")] string? Council = null)
{
    /// <summary>The council registering the organisation, and the field that named it (the current name, or the deprecated one).</summary>
    public (string? Value, string Field) RegisteringAuthority =>
#pragma warning disable CS0618 // The deprecated name is read here, and only here, for its last release.
        LocalAuthority is null && Council is not null ? (Council, "council") : (LocalAuthority, "localAuthority");
#pragma warning restore CS0618
}

public sealed record OrganisationSearch(string? Scope, string? Type, string? Eligibility, string? Flag, ApplicationStatus? Status, int? Page, int? PageSize);

public sealed record ChangeRequest(string? Type, string? Subtype, ControllerRequest? Controller, string? Reason);

public sealed record DecisionRequest(string? Scope, string? Decision, string? Reason);

public sealed record ScopeResponse(string Scope, ApplicationStatus Status, string? Rule, string? Reason, IReadOnlyList<string> Flags, EligibilityDecision Eligibility);

public sealed record OrganisationResponse(
    Guid Id, string Name, string Type, string? Subtype, string? CompanyNumber, string? CharityNumber, string? LocalAuthority,
    IReadOnlyList<string> ControlChain, bool ProfitDistributing, Guid GroupId, IReadOnlyList<string> PlacementRoles, string? OfstedUrn,
    string? ConflictOfInterest, IReadOnlyList<string> Flags, IReadOnlyList<ScopeResponse> Scopes, ControlClaimResponse? ClaimedController = null)
{
    /// <summary>The registering council under the name earlier releases gave it, answered for one more release.</summary>
    [Obsolete("Use localAuthority; council is answered for one more release.")]
    public string? Council => LocalAuthority;

    public static OrganisationResponse From(Organisation o, IReadOnlyList<RegistryEntry> chain, ControlPolicy policy) =>
        new(o.Id, o.Name, o.Type, o.Subtype, o.CompanyNumber, o.CharityNumber, o.Council, chain.Select(entry => entry.Describe()).ToList(),
            LegalForm.IsProfitDistributing(o.Type, o.Subtype), o.GroupId, o.PlacementRoles, o.OfstedUrn, o.ConflictOfInterest, EligibilitySnapshot.FlagsOf(o),
            o.Scopes.Select(s => new ScopeResponse(s.Scope, s.Status, s.Rule, s.Reason, s.Flags, EligibilityRules.Decide(chain, s.Scope, policy))).ToList(),
            o.ClaimedController is { } claim ? new ControlClaimResponse(claim.ControllerId, claim.VotingRightsShare, claim.AppointsBoard) : null);
}

/// <summary>Control claimed at registration, awaiting the registrar's verification: until then it has no effect (P3).</summary>
public sealed record ControlClaimResponse(Guid OrganisationId, decimal? VotingRightsShare, bool AppointsBoard);
