using System.Globalization;
using LearningBot.Core.Kernel;

namespace LearningBot.Core.Quizzes;

/// <summary>Parses what a person typed into the settings card; every problem comes back as a sentence they can act on.</summary>
public static class QuizSettingsInput
{
    private static readonly (string Name, DayOfWeek Day)[] DayNames =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["H:mm", "HH:mm", "H.mm", "HH.mm", "HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>"Mon-Fri", "mon,wed,fri", "Monday Tuesday", "weekdays", "every day".</summary>
    public static bool TryParseDays(string? text, out int days)
    {
        days = 0;
        var value = (text ?? "").Trim().ToLowerInvariant();
        if (value is "weekdays" or "workdays" or "working days")
        {
            days = QuizSettingsRecord.WorkingDays;
            return true;
        }
        if (value is "every day" or "daily" or "all")
        {
            days = LocalCalendar.EveryDay;
            return true;
        }
        foreach (var part in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length == 2 && Day(range[0]) is { } from && Day(range[1]) is { } to)
            {
                var start = Index(from);
                var end = Index(to);
                for (var i = start; ; i = (i + 1) % 7)
                {
                    days |= 1 << (int)DayNames[i].Day;
                    if (i == end)
                    {
                        break;
                    }
                }
            }
            else if (range.Length == 1 && Day(range[0]) is { } day)
            {
                days |= 1 << (int)day;
            }
            else
            {
                days = 0;
                return false;
            }
        }
        return days != 0;
    }

    public static string FormatDays(int days)
    {
        if (days == QuizSettingsRecord.WorkingDays)
        {
            return "Mon-Fri";
        }
        return string.Join(",", DayNames.Where(d => (days & (1 << (int)d.Day)) != 0).Select(d => char.ToUpperInvariant(d.Name[0]) + d.Name[1..]));
    }

    private static DayOfWeek? Day(string text) =>
        text.Length >= 3 && DayNames.FirstOrDefault(d => text.StartsWith(d.Name, StringComparison.Ordinal)) is { Name: not null } found ? found.Day : null;

    private static int Index(DayOfWeek day) => Array.FindIndex(DayNames, d => d.Day == day);
}
