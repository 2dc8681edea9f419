using LearningBot.Core.Modules;

namespace LearningBot.Core.Growth;

/// <summary>The rules for <see cref="GrowthOptions"/>.</summary>
internal sealed class GrowthOptionsValidator : OptionsRules<GrowthOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(GrowthOptions options)
    {
        var checkIns = options.CheckInDayNumbers();
        yield return (options.SendAt >= TimeSpan.Zero && options.SendAt < TimeSpan.FromDays(1), "LearningBot:Growth:SendAt must be a time of day, e.g. 09:30:00.");
        yield return (options.SendUntil > options.SendAt && options.SendUntil <= TimeSpan.FromDays(1), "LearningBot:Growth:SendUntil must be later in the day than SendAt, e.g. 17:00:00.");
        yield return (options.StartWithinDays is >= 0 and <= 366, "LearningBot:Growth:StartWithinDays must be between 0 and 366.");
        yield return (options.SkipStepsLateByDays >= 0, "LearningBot:Growth:SkipStepsLateByDays must be zero or more.");
        yield return (!string.IsNullOrWhiteSpace(options.WelcomeText) && options.WelcomeText.Length <= 1000, "LearningBot:Growth:WelcomeText must be set, at most 1000 characters.");
        yield return (!string.IsNullOrWhiteSpace(options.NewHireAudience), "LearningBot:Growth:NewHireAudience must name the lesson audience for new hires, e.g. new-hire.");
        yield return (options.MaxPathLessons is >= 1 and <= 20, "LearningBot:Growth:MaxPathLessons must be between 1 and 20.");
        yield return ((options.BuddyStarters ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length >= 2,
            "LearningBot:Growth:BuddyStarters must hold at least two conversation starters separated by '|'.");
        yield return (options.GoalsDay >= 1, "LearningBot:Growth:GoalsDay must be 1 or later (day 1 is the start date).");
        yield return (!string.IsNullOrWhiteSpace(options.GoalsText) && options.GoalsText.Length <= 1000, "LearningBot:Growth:GoalsText must be set, at most 1000 characters.");
        yield return (checkIns.Count > 0 && checkIns.All(d => d is >= 2 and <= 366) && checkIns.SequenceEqual(checkIns.Distinct().Order()),
            "LearningBot:Growth:CheckInDays must be days between 2 and 366 in increasing order, comma-separated, e.g. 7,30,60,90.");
        yield return (options.ManagerCheckInAt >= TimeSpan.Zero && options.ManagerCheckInAt < options.SendUntil, "LearningBot:Growth:ManagerCheckInAt must be a time of day before SendUntil, e.g. 10:00:00.");
        yield return ((options.ManagerPrompts ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length == 3,
            "LearningBot:Growth:ManagerPrompts must hold exactly three questions separated by '|'.");
        yield return (options.CheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Growth:CheckInterval must be at least 10 seconds.");
    }
}
