namespace Platform.ServiceDefaults;

/// <summary>Dates in the domain (publication, census, deadlines) are English calendar dates.</summary>
public static class EnglishCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), London).DateTime);
}
