using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.CourseBuilder;

/// <summary>One section of a draft and the passage of the document it came from ("page 3", "lines 10–24"), for the reviewer.</summary>
public sealed record DraftSection(string Heading, string Markdown, string Source);

/// <summary>
/// A drafted microlesson: the lesson (checked by <see cref="LessonParser"/>, as the importer checks a file), its file
/// text in the content format, each section's source passage, and whether a language model wrote it.
/// </summary>
public sealed record LessonDraft(Lesson Lesson, string Markdown, IReadOnlyList<DraftSection> Sections, bool ByModel, string Source)
{
    /// <summary>The file name the draft is exported under.</summary>
    public string FileName => Lesson.Id + ".md";
}

/// <summary>A part of the document that did not become a draft, and why.</summary>
public sealed record DroppedDraft(string Title, string Source, string Reason);

/// <summary>How far drafting has got: <see cref="Done"/> of <see cref="Total"/> lessons.</summary>
public sealed record DraftProgress(int Done, int Total);

/// <summary>What drafting one document gave: the drafts, what was dropped and why, or why the document was refused.</summary>
public sealed record DraftingResult
{
    public required string Document { get; init; }
    public string? Refusal { get; init; }
    public IReadOnlyList<LessonDraft> Drafts { get; init; } = [];
    public IReadOnlyList<DroppedDraft> Dropped { get; init; } = [];
    public bool ModelUsed { get; init; }
    public long TokensUsed { get; init; }

    /// <summary>Told to the reviewer when no model wrote the drafts.</summary>
    public string? Notice => ModelUsed || Refusal is not null ? null : CourseDrafter.NoModelNotice;
}
