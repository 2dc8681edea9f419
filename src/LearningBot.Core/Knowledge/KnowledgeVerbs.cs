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
    /// <summary>Show the answer of a refresher's practice question (channels that cannot reveal it on the card): data["lessonId"].</summary>
    public const string RevealAnswer = "knowledge.reveal-answer";
    /// <summary>"Quiz me on this": the lesson's questions join the learner's quiz queue (the quizzes feature owns it).</summary>
    public const string QuizMeOnLesson = "quiz.queue-lesson";
    /// <summary>Pass an unanswered question to the experts: data["question"], data["anonymous"] ("yes"/"no").</summary>
    public const string AskExperts = "knowledge.ask-experts";
    /// <summary>An expert's answer on a routed question: data["routedId"] and the "answer" input.</summary>
    public const string ExpertAnswer = "knowledge.expert-answer";
}
