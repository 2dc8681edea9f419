using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// PostgreSQL full-text search computed over the stored sections (English stemming), so there is nothing extra
/// to maintain at import; the intro view carries title, summary and tags with the higher weight.
/// </summary>
public sealed class PostgreSqlKeywordIndex(LearningBotDbContext db) : IKeywordIndex
{
    public Task IndexAsync(Lesson lesson, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(string lessonId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asked questions are read from lesson_views (kind "asked") by the search query itself.</summary>
    public Task AddAskedAsync(string lessonId, string question, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Nothing to do: the view's removal from lesson_views removes it from the search.</summary>
    public Task RemoveAskedAsync(string lessonId, string question, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<ViewMatch>> SearchAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var words = terms.Select(t => new string(t.Where(char.IsLetterOrDigit).ToArray())).Where(t => t.Length > 0).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var query = string.Join(" | ", words);
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT v."LessonId", v."Ordinal", ts_rank_cd(v.document, q)::float8 AS "Score"
            FROM (
                SELECT s."LessonId", s."Ordinal",
                       setweight(to_tsvector('english', CASE WHEN s."Ordinal" = 0 THEN l."Title" || ' ' || replace(l."Tags", '|', ' ') ELSE '' END), 'A')
                    || setweight(to_tsvector('english', s."Heading"), 'B')
                    || setweight(to_tsvector('english', CASE WHEN s."Ordinal" = 0 THEN l."Summary" || ' ' ELSE '' END || s."PlainText"), 'C') AS document
                FROM lesson_sections s JOIN lessons l ON l."Id" = s."LessonId"
                WHERE NOT l."Retired"
                UNION ALL
                SELECT a."LessonId", -1, setweight(to_tsvector('english', a."Text"), 'C')
                FROM lesson_views a JOIN lessons l ON l."Id" = a."LessonId"
                WHERE a."Kind" = 'asked' AND NOT l."Retired") v,
                to_tsquery('english', {query}) q
            WHERE v.document @@ q
            ORDER BY "Score" DESC
            LIMIT {limit}
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ViewMatch(r.LessonId, r.Ordinal, r.Score)).ToList();
    }

    private sealed record Row(string LessonId, int Ordinal, double Score);
}
