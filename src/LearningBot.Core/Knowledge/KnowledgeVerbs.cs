namespace LearningBot.Core.Knowledge;

/// <summary>Verbs of the knowledge cards' buttons.</summary>
public static class KnowledgeVerbs
{
    /// <summary>Ask the question in data["question"] (welcome card, "closest topics" buttons).</summary>
    public const string Ask = "knowledge.ask";
    /// <summary>Show the whole lesson data["lessonId"].</summary>
    public const string OpenLesson = "lesson.open";
    /// <summary>"Did this help?": data["lessonId"], data["helpful"] ("yes"/"no"), data["question"].</summary>
    public const string Feedback = "knowledge.feedback";
    /// <summary>"Quiz me on this": the lesson's questions join the learner's quiz queue (the quizzes feature owns it).</summary>
    public const string QuizMeOnLesson = "quiz.queue-lesson";
}
