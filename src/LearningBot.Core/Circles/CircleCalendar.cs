namespace LearningBot.Core.Circles;

/// <summary>Meeting times: a weekday and local time, weekly, every two weeks, or on the first such weekday of each month.</summary>
public static class CircleCalendar
{
    /// <summary>The first meeting strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset First(DateTimeOffset after, CircleCadence cadence, DayOfWeek day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        if (cadence == CircleCadence.Monthly)
        {
            var candidate = FirstWeekdayOfMonth(localDate.Year, localDate.Month, day);
            var at = ToUtc(candidate, time, zone);
            return at > after ? at : ToUtc(FirstWeekdayOfMonth(localDate.AddMonths(1).Year, localDate.AddMonths(1).Month, day), time, zone);
        }
        for (var i = 0; i < 8; i++)
        {
            var date = localDate.AddDays(i);
            if (date.DayOfWeek == day && ToUtc(date, time, zone) > after)
            {
                return ToUtc(date, time, zone);
            }
        }
        throw new InvalidOperationException("A weekday recurs within eight days.");
    }

    /// <summary>The meeting after <paramref name="previous"/>.</summary>
    public static DateTimeOffset Following(DateTimeOffset previous, CircleCadence cadence, DayOfWeek day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(previous, zone).DateTime);
        return cadence switch
        {
            CircleCadence.Weekly => ToUtc(localDate.AddDays(7), time, zone),
            CircleCadence.Biweekly => ToUtc(localDate.AddDays(14), time, zone),
            _ => ToUtc(FirstWeekdayOfMonth(localDate.AddMonths(1).Year, localDate.AddMonths(1).Month, day), time, zone),
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

    private static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        // A time skipped by a daylight-saving change happens an hour later that day.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
