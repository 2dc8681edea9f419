using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// PostgreSQL full-text search computed over the stored sections (English stemming), so there is nothing extra
/// to maintain at import. Views are ranked by BM25 computed in SQL as SQLite's FTS5 <c>bm25()</c> ranks them
/// (k1 = 1.2, b = 0.75, IDF floored at 1e-6, the same field weights: title 4, heading 2, body 1, tags 2), so keyword
/// scores are on the same scale on both databases and <c>KeywordSaturation</c> means the same on each.
/// PostgreSQL's own <c>ts_rank_cd</c> is a cover-density score of about 0–1, a tenth of BM25's: saturated as if it
/// were BM25 it left a one-word question almost no keyword evidence, and the question was declined.
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
        // The question's words become lexemes through the same to_tsvector as the documents (stemmed, stop words
        // dropped), so no word is ever read as tsquery syntax. Each view is one document of four weighted fields
        // (A title, B heading, C body, D tags: the FTS5 columns); a lexeme's frequency is the sum of its
        // occurrences' field weights and a document's length its number of tokens, as in FTS5's bm25().
        var text = string.Join(' ', words);
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH docs AS (
                SELECT s."LessonId" AS lesson, s."Ordinal" AS ordinal,
                       setweight(to_tsvector('english', CASE WHEN s."Ordinal" = 0 THEN l."Title" ELSE '' END), 'A')
                    || setweight(to_tsvector('english', s."Heading"), 'B')
                    || setweight(to_tsvector('english', CASE WHEN s."Ordinal" = 0 THEN l."Summary" || ' ' ELSE '' END || s."PlainText"), 'C')
                    || setweight(to_tsvector('english', CASE WHEN s."Ordinal" = 0
                           THEN replace(replace(l."Tags" || '|' || l."Skills", '|', ' '), '-', ' ') ELSE '' END), 'D') AS document
                FROM lesson_sections s JOIN lessons l ON l."Id" = s."LessonId"
                WHERE NOT l."Retired"
                UNION ALL
                SELECT a."LessonId", -1, setweight(to_tsvector('english', a."Text"), 'C')
                FROM lesson_views a JOIN lessons l ON l."Id" = a."LessonId"
                WHERE a."Kind" = 'asked' AND NOT l."Retired"),
            entries AS (
                SELECT d.lesson, d.ordinal, e.lexeme, e.positions, e.weights
                FROM docs d, unnest(d.document) e),
            lengths AS (
                SELECT d.lesson, d.ordinal, coalesce(sum(cardinality(e.positions)), 0)::float8 AS len
                FROM docs d LEFT JOIN entries e ON e.lesson = d.lesson AND e.ordinal = d.ordinal
                GROUP BY d.lesson, d.ordinal),
            corpus AS (
                SELECT count(*)::float8 AS n, greatest(avg(len), 1)::float8 AS avgdl FROM lengths),
            terms AS (
                SELECT DISTINCT q.lexeme FROM unnest(to_tsvector('english', {text})) q),
            hits AS (
                SELECT e.lesson, e.ordinal, e.lexeme,
                       (SELECT sum(CASE w WHEN 'A' THEN 4.0 WHEN 'B' THEN 2.0 WHEN 'C' THEN 1.0 ELSE 2.0 END)
                        FROM unnest(e.weights) w)::float8 AS freq
                FROM entries e JOIN terms t ON t.lexeme = e.lexeme),
            frequency AS (
                SELECT lexeme, count(*)::float8 AS df FROM hits GROUP BY lexeme)
            SELECT h.lesson AS "LessonId", h.ordinal AS "Ordinal",
                   sum(greatest(ln((c.n - f.df + 0.5) / (f.df + 0.5)), 1e-6)
                       * (h.freq * 2.2) / (h.freq + 1.2 * (0.25 + 0.75 * g.len / c.avgdl)))::float8 AS "Score"
            FROM hits h
            JOIN frequency f ON f.lexeme = h.lexeme
            JOIN lengths g ON g.lesson = h.lesson AND g.ordinal = h.ordinal
            CROSS JOIN corpus c
            GROUP BY h.lesson, h.ordinal
            ORDER BY "Score" DESC
            LIMIT {limit}
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ViewMatch(r.LessonId, r.Ordinal, r.Score)).ToList();
    }

    private sealed record Row(string LessonId, int Ordinal, double Score);
}
