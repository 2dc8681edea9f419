using System.Globalization;

namespace LearningBot.Core.Growth;

/// <summary>
/// LearningBot:Growth — the onboarding journey (each step on or off, its day and its words) and goals. Days count from
/// the new hire's <c>start_date</c> (day 1); a step whose day is not one of the person's working days, or falls in
/// their vacation pause, goes on the next day that is.
/// </summary>
public sealed class GrowthOptions
{
    public const string Section = "LearningBot:Growth";

    /// <summary>False: no onboarding journeys are started or moved on (goals and manager check-ins still work).</summary>
    public bool OnboardingEnabled { get; set; } = true;

    /// <summary>Local time of day at which journey messages go out, in the person's time zone.</summary>
    public TimeSpan SendAt { get; set; } = new(9, 30, 0);

    /// <summary>No journey message starts after this local time; a step not sent by then goes at <see cref="SendAt"/> on the next working day.</summary>
    public TimeSpan SendUntil { get; set; } = new(17, 0, 0);

    /// <summary>Journeys start for start dates at most this many days in the past (so importing everyone's hire date onboards nobody twice).</summary>
    public int StartWithinDays { get; set; } = 14;

    /// <summary>A check-in or goals card more than this many days late (downtime, a late import) is skipped rather than sent.</summary>
    public int SkipStepsLateByDays { get; set; } = 5;

    public bool WelcomeEnabled { get; set; } = true;

    /// <summary>The welcome's opening; {name} is the new hire's first name.</summary>
    public string WelcomeText { get; set; } =
        "Welcome aboard, {name}! I'm LearningBot: ask me anything about how we work (in this chat, or **refresher** _topic_), and I'll help you learn a little every day.";

    /// <summary>The audience word (besides the person's role) whose lessons make a new hire's first learning path.</summary>
    public string NewHireAudience { get; set; } = "new-hire";

    /// <summary>How many lessons the first learning path lists.</summary>
    public int MaxPathLessons { get; set; } = 5;

    public bool BuddyEnabled { get; set; } = true;

    /// <summary>Conversation starters for a buddy introduction, separated by '|'; two are offered, turn about.</summary>
    public string BuddyStarters { get; set; } =
        "What do you wish you had known in your first week here?|What's one thing you're curious to learn about this quarter?|Which tool or habit saves you the most time?|Who else should I meet, and why?";

    public bool GoalsEnabled { get; set; } = true;

    /// <summary>The day the new hire is asked for their first goals.</summary>
    public int GoalsDay { get; set; } = 3;

    /// <summary>Shown on the goals card.</summary>
    public string GoalsText { get; set; } =
        "What would you like to be able to do 30 days from now? Write one to three goals — small and concrete is best. Your manager will see them, so you can talk about them together.";

    public bool CheckInsEnabled { get; set; } = true;

    /// <summary>The days of the check-ins, comma-separated.</summary>
    public string CheckInDays { get; set; } = "7,30,60,90";

    /// <summary>The check-ins' days as numbers; empty when <see cref="CheckInDays"/> does not parse (the validator says so).</summary>
    public IReadOnlyList<int> CheckInDayNumbers()
    {
        var days = new List<int>();
        foreach (var part in (CheckInDays ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                return [];
            }
            days.Add(day);
        }
        return days;
    }

    /// <summary>Monthly development check-ins: each manager gets a card per direct report on their first working day of the month.</summary>
    public bool ManagerCheckIns { get; set; } = true;

    /// <summary>Local time (the manager's) of the monthly check-in cards.</summary>
    public TimeSpan ManagerCheckInAt { get; set; } = new(10, 0, 0);

    /// <summary>The three question prompts on a manager's card, separated by '|'.</summary>
    public string ManagerPrompts { get; set; } =
        "What have you learned this month that you're proud of?|What is getting in the way of your growth right now?|What would you like to get better at next, and how can I help?";

    /// <summary>How often the scheduler looks for journey steps that are due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool SchedulingEnabled { get; set; } = true;
}
