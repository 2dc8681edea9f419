namespace LearningBot.Hosting;

/// <summary>Section <c>LearningBot:Content</c>.</summary>
public sealed class ContentOptions
{
    public const string Section = "LearningBot:Content";

    /// <summary>Lesson folder imported at start (new or changed files only); relative to the working directory.</summary>
    public string Path { get; set; } = "content";
}
