namespace LearningBot.Core.Knowledge;

/// <summary>Verbs of the knowledge cards' buttons.</summary>
public static class KnowledgeVerbs
{
    /// <summary>Ask the question in data["question"] (welcome card, "closest topics" buttons).</summary>
    public const string Ask = "knowledge.ask";
    /// <summary>Show the whole lesson data["lessonId"].</summary>
    public const string OpenLesson = "lesson.open";
}
