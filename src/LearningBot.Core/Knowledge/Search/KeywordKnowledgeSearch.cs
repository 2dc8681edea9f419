using LearningBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>Section <c>LearningBot:Knowledge</c>.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "LearningBot:Knowledge";

    /// <summary>
    /// Lowest keyword score (BM25 on SQLite) that counts as an answer; below it the bot says it has no lesson yet
    /// and lists the closest topics. Calibrated on the fixture library's questions (README, "Answer quality").
    /// </summary>
    public double AnswerThreshold { get; set; } = 6.0;

    /// <summary>How many closest topics to offer when the question is not answered.</summary>
    public int ClosestTopics { get; set; } = 3;
}

/// <summary>Knowledge search v1: keyword ranking of lesson views; a lesson scores as its best-matching view.</summary>
public sealed class KeywordKnowledgeSearch(LearningBotDbContext db, IKeywordIndex index, IOptions<KnowledgeOptions> options) : IKnowledgeSearch
{
    public async Task<KnowledgeAnswer> SearchAsync(string question, CancellationToken cancellationToken)
    {
        var terms = QueryTerms.From(question);
        var matches = await index.SearchAsync(terms, 60, cancellationToken).ConfigureAwait(false);
        var ranked = matches
            .GroupBy(m => m.LessonId)
            .Select(g => g.MaxBy(m => m.Score)!)
            .OrderByDescending(m => m.Score)
            .Take(Math.Max(1, options.Value.ClosestTopics + 1))
            .ToList();
        if (ranked.Count == 0)
        {
            return new KnowledgeAnswer(false, []);
        }

        var ids = ranked.Select(r => r.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => ids.Contains(l.Id) && !l.Retired)
            .Select(l => new { l.Id, l.Title, l.Summary })
            .ToDictionaryAsync(l => l.Id, cancellationToken).ConfigureAwait(false);
        var sections = await db.LessonSections.AsNoTracking()
            .Where(s => ids.Contains(s.LessonId))
            .Select(s => new { s.LessonId, s.Ordinal, s.Heading, s.Markdown })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var hits = new List<LessonHit>();
        foreach (var match in ranked)
        {
            if (!lessons.TryGetValue(match.LessonId, out var lesson))
            {
                continue;
            }
            var section = sections.FirstOrDefault(s => s.LessonId == match.LessonId && s.Ordinal == match.Ordinal);
            hits.Add(new LessonHit(lesson.Id, lesson.Title, lesson.Summary, match.Ordinal, section?.Heading ?? "", section?.Markdown ?? "", match.Score));
        }
        var answered = hits.Count > 0 && hits[0].Score >= options.Value.AnswerThreshold;
        return new KnowledgeAnswer(answered, answered ? hits : hits.Take(options.Value.ClosestTopics).ToList());
    }
}
