namespace LearningBot.Core.Quizzes;

/// <summary>Verbs of the quiz cards' buttons.</summary>
public static class QuizVerbs
{
    /// <summary>A choice: data questionId, choice (0-based index), deliveryId.</summary>
    public const string Answer = "quiz.answer";
    /// <summary>"Quiz me on this": data lessonId; the lesson's questions join the learner's queue, due now.</summary>
    public const string QueueLesson = "quiz.queue-lesson";
    /// <summary>Save the settings card's inputs.</summary>
    public const string SaveSettings = "quiz.settings.save";
    public const string Stop = "quiz.stop";
    public const string Resume = "quiz.resume";
    /// <summary>A question now (button on notes and the settings card).</summary>
    public const string Now = "quiz.now";
    /// <summary>"Start daily quizzes" (welcome card, settings card): enrols the person and asks a first question.</summary>
    public const string Start = "quiz.start";
    /// <summary>"Not now" on the welcome card: no daily quizzes, and the choice is kept.</summary>
    public const string NotNow = "quiz.not-now";
    /// <summary>Shows the quiz settings card (the introduction of an assigned track).</summary>
    public const string Settings = "quiz.settings";
}
