using LearningBot.Core.Conversations;

namespace LearningBot.Core.Quizzes;

/// <summary>"quiz" (a question now), "quiz settings", "quiz pause N", "quiz stop", "quiz resume".</summary>
public sealed class QuizCommand(QuizAnswers answers, QuizSettingsService settings) : ICommandHandler
{
    public string Name => "quiz";
    public string Description => "a quick quiz question now; quiz settings to change your daily quiz";
    public string Usage => "**quiz** or **quiz settings**";

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parts = arguments.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var word = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        return word switch
        {
            "" or "me" or "now" => answers.QuizNowAsync(turn, cancellationToken),
            "settings" or "setting" => settings.ShowAsync(turn, cancellationToken),
            "stop" or "off" => settings.StopAsync(turn, cancellationToken),
            "resume" or "start" or "on" => settings.ResumeAsync(turn, cancellationToken),
            "pause" => settings.PauseForAsync(turn, parts.Length > 1 ? parts[1] : "", cancellationToken),
            _ => Task.FromResult(Reply.WithText("Try **quiz** for a question now, **quiz settings** to change your daily quiz, **quiz pause 7**, **quiz stop** or **quiz resume**.")),
        };
    }
}

/// <summary>The quiz cards' buttons.</summary>
public sealed class QuizCardActions(QuizAnswers answers, QuizSettingsService settings) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [QuizVerbs.Answer, QuizVerbs.QueueLesson, QuizVerbs.SaveSettings, QuizVerbs.Stop, QuizVerbs.Resume, QuizVerbs.Now];

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Verb switch
        {
            QuizVerbs.Answer => answers.AnswerAsync(turn, action, cancellationToken),
            QuizVerbs.QueueLesson => action.Data.TryGetValue("lessonId", out var lessonId) && !string.IsNullOrWhiteSpace(lessonId)
                ? answers.QueueLessonAsync(turn, lessonId, cancellationToken)
                : Task.FromResult(Reply.WithText("That button is missing its lesson. Open the lesson again and press **Quiz me on this**.")),
            QuizVerbs.SaveSettings => settings.SaveAsync(turn, action.Data, cancellationToken),
            QuizVerbs.Stop => settings.StopAsync(turn, cancellationToken),
            QuizVerbs.Resume => settings.ResumeAsync(turn, cancellationToken),
            _ => answers.QuizNowAsync(turn, cancellationToken),
        };
    }
}
