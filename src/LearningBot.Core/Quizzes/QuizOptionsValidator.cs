using LearningBot.Core.Modules;

namespace LearningBot.Core.Quizzes;

/// <summary>The rules for <see cref="QuizOptions"/>.</summary>
internal sealed class QuizOptionsValidator : OptionsRules<QuizOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(QuizOptions options)
    {
        yield return (options.DesiredRetention is >= 0.70 and <= 0.97, "LearningBot:Quizzes:DesiredRetention must be from 0.70 to 0.97 (higher values sharply raise the number of reviews).");
        yield return (options.MaximumInterval >= 1, "LearningBot:Quizzes:MaximumInterval must be at least 1 day.");
        yield return (options.NewQuestionsPerDay is >= 0 and <= 3, "LearningBot:Quizzes:NewQuestionsPerDay must be from 0 to 3.");
        yield return (options.UnansweredBeforePause >= 1, "LearningBot:Quizzes:UnansweredBeforePause must be at least 1.");
        yield return (options.LateDeliveryWindow >= TimeSpan.Zero && options.LateDeliveryWindow < TimeSpan.FromDays(1), "LearningBot:Quizzes:LateDeliveryWindow must be from 0 to 24 hours.");
        yield return (Enum.GetNames<QuizEnrollment>().Any(n => string.Equals(n, options.Enrollment?.Trim(), StringComparison.OrdinalIgnoreCase)),
            $"LearningBot:Quizzes:Enrollment must be OptIn (daily quizzes for people who chose them, the default), Assigned (also people whose role has an assigned track) or Everyone (anyone with a 1:1 chat with the bot); it is \"{options.Enrollment}\".");
        yield return (options.DispatchInterval >= TimeSpan.FromSeconds(10), "LearningBot:Quizzes:DispatchInterval must be at least 10 seconds.");
    }
}
