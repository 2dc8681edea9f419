namespace LearningBot.Core.Tests;

/// <summary>A lesson folder written by the test, file by file.</summary>
public sealed class LessonFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("learningbot-lessons-").FullName;

    public LessonFolder Write(string fileName, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);
        return this;
    }

    public LessonFolder Delete(string fileName)
    {
        File.Delete(System.IO.Path.Combine(Path, fileName));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>A valid lesson; the arguments change what tests care about.</summary>
    public static string Lesson(string id, string title = "Giving feedback with SBI", string summary = "Describe the situation, the behavior and its impact.",
        string body = "Intro paragraph about feedback.\n\n## Situation\n\nSay when and where it happened.\n\n## Impact\n\nSay how the behavior affected you.",
        string quiz = "") => $"""
        ---
        id: {id}
        title: {title}
        summary: {summary}
        tags: [feedback, communication]
        minutes: 3
        {quiz}
        ---
        # {title}

        {body}
        """;

    public static string Quiz(params string[] ids) => "quiz:\n" + string.Concat(ids.Select(id => $"""
          - id: {id}
            question: What comes after the situation?
            choices: [The behavior, The judgement, The fix]
            answer: 0
            explanation: Describe the behavior next.

        """));
}
