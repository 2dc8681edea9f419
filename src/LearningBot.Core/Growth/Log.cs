using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Growth;

/// <summary>
/// Every log line of growth conversations, event ids 1100–1149: 1100s journeys, 1110s buddies, 1120s goals and check-ins.
/// Lines carry person ids and step names, never what anyone wrote.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Onboarding journey started for {PersonId}, start date {StartDate}")]
    public static partial void JourneyStarted(ILogger logger, Guid personId, DateOnly startDate);

    [LoggerMessage(1101, LogLevel.Information, "Onboarding step {Step} queued for {PersonId}")]
    public static partial void StepQueued(ILogger logger, Guid personId, string step);

    [LoggerMessage(1102, LogLevel.Information, "Onboarding step {Step} skipped for {PersonId}, {DaysLate} days late")]
    public static partial void StepSkipped(ILogger logger, Guid personId, string step, int daysLate);

    [LoggerMessage(1103, LogLevel.Information, "Onboarding journey of {PersonId} stopped by them")]
    public static partial void Stopped(ILogger logger, Guid personId);

    [LoggerMessage(1110, LogLevel.Information, "Buddy {BuddyPersonId} passed on {PersonId}; another found: {Found}")]
    public static partial void BuddyPassed(ILogger logger, Guid personId, Guid buddyPersonId, bool found);

    [LoggerMessage(1120, LogLevel.Information, "{PersonId} set {Count} onboarding goals")]
    public static partial void GoalsSet(ILogger logger, Guid personId, int count);

    [LoggerMessage(1121, LogLevel.Information, "{PersonId} sent their day {Day} check-in")]
    public static partial void CheckedIn(ILogger logger, Guid personId, int day);
}
