using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using Platform.Messaging.Events;

namespace Platform.Integrations.EventLog;

/// <summary>One integration event as integrators see it: its CloudEvents type, the service that publishes it, and what it means.</summary>
public sealed record CataloguedEvent(Type EventType, string CloudEventType, string Source, string Service, string Description)
{
    /// <summary>The exchange MassTransit publishes the event to (its message type's full name).</summary>
    public string Exchange => $"{EventType.Namespace}:{EventType.Name}";
}

/// <summary>
/// Every integration event offered to integrators. A CloudEvents type is the event's name in dotted
/// kebab case under the platform's prefix, with its version (<c>uk.gov.education.csc.inspection.published.v1</c>);
/// within <c>v1</c> an event only gains fields.
/// </summary>
public static partial class EventCatalogue
{
    public const string TypePrefix = "uk.gov.education.csc.";

    public const string Version = "v1";

    /// <summary>Events the services tell each other about themselves, not facts of the domain: never offered.</summary>
    private static readonly Type[] Internal = [typeof(CatchUpRequested)];

    public static IReadOnlyList<CataloguedEvent> All { get; } =
    [
        Entry<InspectionPublished>("inspections", "Ofsted published a judgement on an authority's children's services, or a correction to one (a higher version of the same judgement)."),
        Entry<InspectionOverdue>("inspections", "A trust running an authority's services has not been inspected by the date it was due."),
        Entry<InterventionCaseOpened>("commissioners", "An inadequate judgement opened an intervention case: an improvement plan is due within three months and a review at six."),
        Entry<CommissionerRequired>("commissioners", "Persistent or systemic failure: the Secretary of State will appoint a commissioner."),
        Entry<CommissionerAppointed>("commissioners", "A commissioner was appointed to an authority's case, with the date the outcome is due."),
        Entry<ImprovementPlanOverdue>("commissioners", "No improvement plan was received within three months of the judgement's publication."),
        Entry<ProgressReviewOverdue>("commissioners", "No progress review was recorded within six months of the judgement's publication."),
        Entry<OutcomeOverdue>("commissioners", "No outcome was decided within twelve months of the commissioner's appointment."),
        Entry<InterventionOutcomeDecided>("commissioners", "The commissioner's outcome: services stay, move to a high-performing council, or move to a trust."),
        Entry<TrustEstablishmentRequested>("commissioners", "The outcome moves an authority's services into a trust, to be registered."),
        Entry<InterventionCaseClosed>("commissioners", "An intervention case ended, with its reason."),
        Entry<LocalAuthorityRegistered>("providers", "An authority in the registry's directory: its codes, region and statistical neighbours, or its end in a reorganisation."),
        Entry<ProviderEligibilityChanged>("providers", "A provider's standing in the registry changed: the scopes it may hold, its group, its flags."),
        Entry<TrustEstablished>("providers", "A trust was registered to run an authority's children's services from a date."),
        Entry<TrustServiceEnded>("providers", "A trust stopped running an authority's children's services."),
        Entry<ContractDrafted>("contracts", "A council drafted a contract with a provider."),
        Entry<ContractAwarded>("contracts", "A council awarded a contract: its provider, scopes, value and term."),
        Entry<ContractBreachDetected>("contracts", "A contract review found measures below their thresholds: a remedial notice with its due date."),
        Entry<WorkforceReturnSubmitted>("workforce", "An authority's social-work workforce return for a census year (a newer version replaces the earlier)."),
        Entry<WorkforceThresholdBreached>("workforce", "A workforce measure of an authority crossed its threshold (caseloads, agency staff, turnover)."),
    ];

    private static readonly FrozenDictionary<Type, CataloguedEvent> ByEventType = All.ToFrozenDictionary(entry => entry.EventType);

    private static readonly FrozenDictionary<string, CataloguedEvent> ByCloudEventType = All.ToFrozenDictionary(entry => entry.CloudEventType, StringComparer.Ordinal);

    /// <summary>The integration events that are neither catalogued nor internal: a test keeps this empty.</summary>
    public static IEnumerable<Type> Uncatalogued =>
        IntegrationEventTypes.All.Where(type => !ByEventType.ContainsKey(type) && !Internal.Contains(type));

    public static CataloguedEvent Of(Type eventType) =>
        ByEventType.TryGetValue(eventType, out var entry) ? entry : throw new InvalidOperationException($"{eventType.Name} is not offered to integrators.");

    public static CataloguedEvent? Find(string cloudEventType) => ByCloudEventType.GetValueOrDefault(cloudEventType);

    /// <summary>The authority an event is about, where it has one (a provider's standing has none).</summary>
    public static string? LocalAuthorityOf(IntegrationEvent integrationEvent) =>
        LocalAuthorityProperty.TryGetValue(integrationEvent.GetType(), out var property) && property is not null
            ? property.GetValue(integrationEvent) as string
            : null;

    private static readonly FrozenDictionary<Type, PropertyInfo?> LocalAuthorityProperty = All.ToFrozenDictionary(
        entry => entry.EventType,
        entry => entry.EventType.GetProperty("LocalAuthority", typeof(string)));

    private static CataloguedEvent Entry<TEvent>(string service, string description)
        where TEvent : IntegrationEvent =>
        new(typeof(TEvent), CloudEventTypeOf(typeof(TEvent).Name), $"/services/{service}", service, description);

    /// <summary><c>InterventionCaseOpened</c> → <c>uk.gov.education.csc.intervention-case.opened.v1</c>: the last word is what happened, the words before it what it happened to.</summary>
    private static string CloudEventTypeOf(string name)
    {
        var words = Word().Matches(name).Select(match => match.Value.ToLowerInvariant()).ToList();
        return $"{TypePrefix}{string.Join('-', words[..^1])}.{words[^1]}.{Version}";
    }

    [GeneratedRegex("[A-Z][a-z0-9]*")]
    private static partial Regex Word();
}
