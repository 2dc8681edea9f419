using System.Collections.Concurrent;

namespace LearningBot.Core.Kernel;

/// <summary>
/// Local calendars, the one way every feature reads them. A person's or a circle's day is their local calendar date in
/// their time zone (the first known of the ids given, else UTC), rolling over at local midnight. A local wall-clock time
/// becomes an instant by the zone's rules of that date: a time a spring-forward gap skips (02:30 in Berlin on the last
/// Sunday of March) happens an hour later, the first minute the clock shows again; a time a fall-back hour repeats is
/// read as standard time, its second occurrence. Sets of weekdays (quiz days, working days) are bit masks,
/// <c>1 &lt;&lt; (int)DayOfWeek</c> each.
/// </summary>
public static class LocalCalendar
{
    /// <summary>Monday to Friday.</summary>
    public const int WorkingDays = (1 << (int)DayOfWeek.Monday) | (1 << (int)DayOfWeek.Tuesday) | (1 << (int)DayOfWeek.Wednesday)
        | (1 << (int)DayOfWeek.Thursday) | (1 << (int)DayOfWeek.Friday);

    /// <summary>All seven days.</summary>
    public const int EveryDay = 0b111_1111;

    // Looking a zone up reads the system's time zone files; features ask for the same few zones all day.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>The zone of the first id the system knows (a chosen one, then one a channel reported), else UTC.</summary>
    public static TimeZoneInfo Zone(string? chosen, string? reported = null)
    {
        foreach (var id in new[] { chosen, reported })
        {
            if (!string.IsNullOrWhiteSpace(id))
            {
                if (Zones.TryGetValue(id, out var known))
                {
                    return known;
                }
                if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
                {
                    return Zones.GetOrAdd(id, found);
                }
            }
        }
        return TimeZoneInfo.Utc;
    }

    /// <summary>What the wall clock shows in <paramref name="zone"/> at <paramref name="at"/>.</summary>
    public static DateTime LocalDateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).DateTime;
    }

    /// <summary>The local calendar date in <paramref name="zone"/> at <paramref name="at"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(LocalDateTime(at, zone));

    /// <summary>The instant (UTC) at which the wall clock in <paramref name="zone"/> shows <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone) => ToInstant(date.ToDateTime(time), zone);

    /// <summary>The instant (UTC) at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/>.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving change happens an hour later that day.
        if (zone.IsInvalidTime(wallClock))
        {
            wallClock = wallClock.AddHours(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wallClock, zone), TimeSpan.Zero);
    }

    /// <summary>The instant <paramref name="date"/> ends in <paramref name="zone"/>: the next local midnight.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone) => ToInstant(date.AddDays(1), TimeOnly.MinValue, zone);

    /// <summary>True when the set of weekdays <paramref name="days"/> includes <paramref name="day"/>.</summary>
    public static bool Includes(int days, DayOfWeek day) => (days & (1 << (int)day)) != 0;
}
