namespace LearningBot.Core.Growth;

/// <summary>The card-action verbs of goals and the onboarding journey.</summary>
public static class GrowthVerbs
{
    /// <summary>Opens a goals form: data["form"] is "add", "update" or "done".</summary>
    public const string GoalForm = "growth.goal.form";
    /// <summary>Adds the goal in the "goal" and "topic" inputs.</summary>
    public const string AddGoal = "growth.goal.add";
    /// <summary>Rewords the chosen goal ("goalId") and/or notes "progress".</summary>
    public const string UpdateGoal = "growth.goal.update";
    /// <summary>Marks the chosen goal ("goalId") done.</summary>
    public const string CompleteGoal = "growth.goal.done";
    /// <summary>The onboarding goals card: inputs goal1..3 and topic1..3.</summary>
    public const string SaveOnboardingGoals = "growth.onboarding.goals";
    /// <summary>An onboarding check-in: data["day"], inputs "g{goalId}", "hard", "helped".</summary>
    public const string SubmitCheckIn = "growth.checkin.submit";
    /// <summary>"Not now" on a journey card: nothing more about this step.</summary>
    public const string NotNow = "growth.not-now";
    /// <summary>"Stop": no further journey messages for this new hire.</summary>
    public const string StopJourney = "growth.stop";
    /// <summary>A buddy passes on the new hire in data["hireId"]; another buddy is found.</summary>
    public const string PassBuddy = "growth.buddy.pass";
    /// <summary>A manager notes the goal in "agreedGoal" as agreed with the report (data["checkInId"]).</summary>
    public const string AgreeGoal = "growth.dev.agree";
    /// <summary>A manager marks the development conversation held.</summary>
    public const string Held = "growth.dev.held";
    /// <summary>A manager snoozes the development conversation for a week.</summary>
    public const string Snooze = "growth.dev.snooze";
    /// <summary>The report confirms the agreed goal: it becomes one of their goals.</summary>
    public const string ConfirmGoal = "growth.dev.confirm";
    /// <summary>The report says the agreed goal is not quite right: nothing is added, the manager is told.</summary>
    public const string DeclineGoal = "growth.dev.decline";
    /// <summary>A manager stops the monthly development check-in cards (<c>checkin cards on</c> brings them back).</summary>
    public const string StopMonthly = "growth.dev.stop";
}
