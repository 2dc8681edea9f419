using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// FTS5 table <c>lesson_search</c> (created by the SQLite migration) with the Porter stemmer; ranked by BM25 with
/// the title weighted above headings and headings above body text.
/// </summary>
public sealed class SqliteKeywordIndex(LearningBotDbContext db) : IKeywordIndex
{
    public async Task IndexAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        await RemoveAsync(lesson.Id, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < lesson.Sections.Count; i++)
        {
            var section = lesson.Sections[i];
            var isIntro = i == 0;
            var title = isIntro ? lesson.Title : "";
            var tags = isIntro ? string.Join(' ', lesson.Tags.Concat(lesson.Skills).Select(t => t.Replace('-', ' '))) : "";
            var body = isIntro ? $"{lesson.Summary}\n{section.PlainText}" : section.PlainText;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO lesson_search (lesson_id, ordinal, title, heading, body, tags) VALUES ({lesson.Id}, {i}, {title}, {section.Heading}, {body}, {tags})",
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveAsync(string lessonId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM lesson_search WHERE lesson_id = {lessonId} AND ordinal >= 0", cancellationToken).ConfigureAwait(false);

    /// <summary>Asked questions are stored with ordinal -1: not a section, never deleted by a re-import.</summary>
    public async Task AddAskedAsync(string lessonId, string question, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO lesson_search (lesson_id, ordinal, title, heading, body, tags) VALUES ({lessonId}, {-1}, {""}, {""}, {question}, {""})",
            cancellationToken).ConfigureAwait(false);

    public async Task RemoveAskedAsync(string lessonId, string question, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM lesson_search WHERE lesson_id = {lessonId} AND ordinal = {-1} AND body = {question}", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ViewMatch>> SearchAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return [];
        }
        // Each term quoted: FTS5 treats it as a string to tokenize (and stem), never as query syntax.
        var match = string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "", StringComparison.Ordinal) + "\""));
        var rows = await db.Database
            .SqlQuery<Row>($"SELECT s.lesson_id AS LessonId, CAST(s.ordinal AS INTEGER) AS Ordinal, -bm25(lesson_search, 0, 0, 4.0, 2.0, 1.0, 2.0) AS Score FROM lesson_search s JOIN lessons l ON l.Id = s.lesson_id WHERE lesson_search MATCH {match} AND NOT l.Retired ORDER BY Score DESC LIMIT {limit}")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ViewMatch(r.LessonId, (int)r.Ordinal, r.Score)).ToList();
    }

    private sealed record Row(string LessonId, long Ordinal, double Score);
}
