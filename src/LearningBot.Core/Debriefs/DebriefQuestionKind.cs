namespace LearningBot.Core.Debriefs;

/// <summary>The kind of answer a debrief question asks for.</summary>
public enum DebriefQuestionKind
{
    Text,
    /// <summary>The answer is proposed as a lesson for the knowledge base.</summary>
    Lesson,
    /// <summary>A whole number from 1 to 5.</summary>
    Rating,
}
