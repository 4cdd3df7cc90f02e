using System.Globalization;
using Microsoft.Extensions.Primitives;
using Platform.Integrations.EventLog;
using Platform.ServiceDefaults.Problems;

namespace Platform.Integrations.Feed;

/// <summary>
/// Which entries of the log a reader gets: those after its cursor, of the types and authorities it asked
/// for, always within its grants. Asking for a type or an authority outside them is refused, not answered
/// with nothing, so a caller learns that its grants, not the log, are why.
/// </summary>
public sealed record EventFilter(long After, IReadOnlyList<string>? Types, IReadOnlyList<string>? LocalAuthorities)
{
    /// <summary>The cursor before the first event: a reader starting here reads the log from its oldest entry.</summary>
    public const string Start = "0";

    public IQueryable<EventLogEntry> Apply(IQueryable<EventLogEntry> log)
    {
        var entries = log.Where(entry => entry.Position > After);
        if (Types is not null)
        {
            entries = entries.Where(entry => Types.Contains(entry.Type));
        }

        if (LocalAuthorities is not null)
        {
            entries = entries.Where(entry => entry.LocalAuthority != null && LocalAuthorities.Contains(entry.LocalAuthority));
        }

        return entries.OrderBy(entry => entry.Position);
    }

    /// <summary>A cursor as the feed writes it: a position, 0 or more.</summary>
    public static bool TryParseCursor(string cursor, out long position) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out position);

    /// <summary>The cursor of an entry: its position, written as the feed's <c>next</c> and the stream's event id.</summary>
    public static string CursorOf(long position) => position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The reader's filter, or the problem with its request: a cursor that is not one, a type not offered, an authority or type beyond its grants.</summary>
    public static (EventFilter? Filter, Validation Validation, bool Forbidden) From(string? cursor, string cursorField, StringValues types, StringValues localAuthorities, IntegratorGrants grants)
    {
        var validation = new Validation();
        long after = 0;
        if (cursor is not null && !TryParseCursor(cursor, out after))
        {
            validation.Add(cursorField, $"'{cursorField}' is a cursor this feed gave ('next', or an event's id in the stream), or {Start} for the oldest event.");
        }

        var askedTypes = types.Where(type => !string.IsNullOrEmpty(type)).Select(type => type!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in askedTypes.Where(type => EventCatalogue.Find(type) is null))
        {
            validation.Add("type", $"'{unknown}' is not an event type of the platform (see /asyncapi.json).");
        }

        var askedAuthorities = localAuthorities.Where(code => !string.IsNullOrEmpty(code)).Select(code => code!).Distinct(StringComparer.Ordinal).ToList();
        if (!validation.IsValid)
        {
            return (null, validation, false);
        }

        if (!grants.Covers(askedTypes, askedAuthorities))
        {
            return (null, validation, true);
        }

        return (new EventFilter(
            after,
            askedTypes.Count > 0 ? askedTypes : grants.EventTypes,
            askedAuthorities.Count > 0 ? askedAuthorities : grants.LocalAuthorities), validation, false);
    }
}
