namespace LearningBot.Core.Knowledge.Library;

/// <summary>A microlesson as parsed from its Markdown file, with every rule of CONTENT-FORMAT.md already checked.</summary>
public sealed record Lesson
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> Audience { get; init; } = ["all"];
    public int? Minutes { get; init; }
    public DateOnly? Updated { get; init; }
    public required string Body { get; init; }
    /// <summary>The intro (heading "") followed by each '##' section.</summary>
    public required IReadOnlyList<LessonSection> Sections { get; init; }
    public IReadOnlyList<QuizQuestion> Quiz { get; init; } = [];
    /// <summary>Front-matter keys this version does not know, as JSON; kept so newer libraries load.</summary>
    public string? ExtraFrontMatter { get; init; }
}

/// <summary>One '##' section of a lesson: its heading, its Markdown and its plain text for search.</summary>
public sealed record LessonSection(string Heading, string Markdown, string PlainText);

/// <summary>A multiple-choice question from a lesson file: the choices, the index of the right one, and why it is right.</summary>
public sealed record QuizQuestion(string Id, string Question, IReadOnlyList<string> Choices, int Answer, string Explanation);

/// <summary>Why a file was rejected: the file, the line when known, and the rule it breaks.</summary>
public sealed record LessonProblem(string File, int? Line, string Rule)
{
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Rule}" : $"{File}: {Rule}";
}
