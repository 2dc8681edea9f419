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
            "start" => StartAsync(turn, settings, answers, cancellationToken),
            "resume" or "on" => settings.ResumeAsync(turn, cancellationToken),
            "pause" => settings.PauseForAsync(turn, parts.Length > 1 ? parts[1] : "", cancellationToken),
            _ => Task.FromResult(Reply.WithText("Try **quiz** for a question now, **quiz start** for daily quizzes, **quiz settings** to change them, **quiz pause 7**, **quiz stop** or **quiz resume**.")),
        };
    }

    /// <summary>
    /// "Start daily quizzes" (and <c>quiz start</c>): enrols the person and asks a first question now, which counts as
    /// today's quiz. Pressed again, it only says the quizzes are on.
    /// </summary>
    internal static async Task<Reply> StartAsync(Turn turn, QuizSettingsService settings, QuizAnswers answers, CancellationToken cancellationToken)
    {
        var (reply, started) = await settings.StartAsync(turn, cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            return reply;
        }
        var first = await answers.QuizNowAsync(turn, cancellationToken).ConfigureAwait(false);
        return reply with { Messages = [.. reply.Messages, .. first.Messages] };
    }
}

/// <summary>The quiz cards' buttons.</summary>
public sealed class QuizCardActions(QuizAnswers answers, QuizSettingsService settings) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
        [QuizVerbs.Answer, QuizVerbs.QueueLesson, QuizVerbs.SaveSettings, QuizVerbs.Stop, QuizVerbs.Resume, QuizVerbs.Now, QuizVerbs.Start, QuizVerbs.NotNow, QuizVerbs.Settings];

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
            QuizVerbs.Start => QuizCommand.StartAsync(turn, settings, answers, cancellationToken),
            QuizVerbs.NotNow => settings.NotNowAsync(turn, cancellationToken),
            QuizVerbs.Settings => settings.ShowAsync(turn, cancellationToken),
            _ => answers.QuizNowAsync(turn, cancellationToken),
        };
    }
}
