using LearningBot.Core.Kernel;

namespace LearningBot.Core.Circles;

/// <summary>
/// Meeting times: a weekday and local time, weekly, every two weeks, or on the first such weekday of each month, in the
/// circle's time zone by <see cref="LocalCalendar"/>'s rules (a time a daylight-saving change skips happens an hour later).
/// </summary>
public static class CircleCalendar
{
    /// <summary>The first meeting strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset First(DateTimeOffset after, CircleCadence cadence, DayOfWeek day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = LocalCalendar.LocalDate(after, zone);
        if (cadence == CircleCadence.Monthly)
        {
            var candidate = FirstWeekdayOfMonth(localDate.Year, localDate.Month, day);
            var at = LocalCalendar.ToInstant(candidate, time, zone);
            return at > after ? at : LocalCalendar.ToInstant(FirstWeekdayOfMonth(localDate.AddMonths(1).Year, localDate.AddMonths(1).Month, day), time, zone);
        }
        for (var i = 0; i < 8; i++)
        {
            var date = localDate.AddDays(i);
            if (date.DayOfWeek == day && LocalCalendar.ToInstant(date, time, zone) > after)
            {
                return LocalCalendar.ToInstant(date, time, zone);
            }
        }
        throw new InvalidOperationException("A weekday recurs within eight days.");
    }

    /// <summary>The meeting after <paramref name="previous"/>.</summary>
    public static DateTimeOffset Following(DateTimeOffset previous, CircleCadence cadence, DayOfWeek day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = LocalCalendar.LocalDate(previous, zone);
        return cadence switch
        {
            CircleCadence.Weekly => LocalCalendar.ToInstant(localDate.AddDays(7), time, zone),
            CircleCadence.Biweekly => LocalCalendar.ToInstant(localDate.AddDays(14), time, zone),
            _ => LocalCalendar.ToInstant(FirstWeekdayOfMonth(localDate.AddMonths(1).Year, localDate.AddMonths(1).Month, day), time, zone),
        };
    }

    private static DateOnly FirstWeekdayOfMonth(int year, int month, DayOfWeek day)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }
        return date;
    }
}
