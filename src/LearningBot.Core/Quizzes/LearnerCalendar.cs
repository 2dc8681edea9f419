using System.Collections.Concurrent;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// A learner's days. Rule: a day is the learner's local calendar date in their time zone (quiz settings, else the
/// zone their channel reports, else UTC), rolling over at local midnight. The delivery time is compared on the local
/// wall clock: in a spring-forward gap a time that does not exist that day (02:30 in Berlin) fires at the first
/// minute after the gap; in a fall-back hour the first occurrence fires and the repeat finds today's quiz already
/// written (one per local date).
/// </summary>
public static class LearnerCalendar
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

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

    public static DateTime LocalNow(DateTimeOffset now, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(now, zone).DateTime;

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(LocalNow(now, zone));

    public static bool IsQuizDay(int days, DayOfWeek day) => (days & (1 << (int)day)) != 0;
}
