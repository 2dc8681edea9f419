using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// Full-text index over lesson views: one intro view (title, summary, tags, intro) and one view per '##' section.
/// SQLite uses FTS5 with BM25; PostgreSQL its built-in full-text search. Higher scores are better.
/// </summary>
public interface IKeywordIndex
{
    /// <summary>(Re)indexes a lesson; called inside the import transaction.</summary>
    Task IndexAsync(Lesson lesson, CancellationToken cancellationToken);

    /// <summary>Removes the lesson's own views (views learned from use stay, see <see cref="AddAskedAsync"/>).</summary>
    Task RemoveAsync(string lessonId, CancellationToken cancellationToken);

    /// <summary>Adds a question people asked that the lesson answered (a view learned from use).</summary>
    Task AddAskedAsync(string lessonId, string question, CancellationToken cancellationToken);

    /// <summary>Removes a question added by <see cref="AddAskedAsync"/> (the 👍 that taught it was taken back).</summary>
    Task RemoveAskedAsync(string lessonId, string question, CancellationToken cancellationToken);

    /// <summary>Views matching any of the terms, best first.</summary>
    Task<IReadOnlyList<ViewMatch>> SearchAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken);
}

/// <summary>A lesson view that matched: the lesson, the section ordinal (0 = intro) and its keyword score.</summary>
public sealed record ViewMatch(string LessonId, int Ordinal, double Score);
