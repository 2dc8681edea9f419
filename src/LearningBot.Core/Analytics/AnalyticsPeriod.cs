using System.Globalization;

namespace LearningBot.Core.Analytics;

/// <summary>A period of whole UTC days, <see cref="From"/> to <see cref="To"/> inclusive.</summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The first instant of the period.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Whether <paramref name="at"/> falls in the period.</summary>
    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    /// <summary>
    /// Reads <c>from</c> and <c>to</c> (YYYY-MM-DD); either may be missing (the last 30 days up to today by default).
    /// Returns a message saying what to send instead when they do not make a period.
    /// </summary>
    public static AnalyticsPeriod? TryParse(string? from, string? to, DateOnly today, int maxDays, out string? problem)
    {
        problem = null;
        DateOnly end = today, start;
        if (!string.IsNullOrWhiteSpace(to) && !DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            problem = $"'to' must be a date written YYYY-MM-DD, e.g. {today:yyyy-MM-dd}; got '{to}'.";
            return null;
        }
        if (string.IsNullOrWhiteSpace(from))
        {
            start = end.AddDays(-29);
        }
        else if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            problem = $"'from' must be a date written YYYY-MM-DD, e.g. {today.AddDays(-29):yyyy-MM-dd}; got '{from}'.";
            return null;
        }
        if (start > end)
        {
            problem = $"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}): swap them.";
            return null;
        }
        if (end.DayNumber - start.DayNumber + 1 > maxDays)
        {
            problem = $"A period may cover at most {maxDays} days; {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is {end.DayNumber - start.DayNumber + 1}.";
            return null;
        }
        return new AnalyticsPeriod(start, end);
    }
}
