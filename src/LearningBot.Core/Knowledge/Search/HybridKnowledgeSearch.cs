using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// Hybrid retrieval: the cosine similarity of the question to each lesson view (local MiniLM embeddings) fused
/// with keyword evidence (BM25) as a weighted sum of scores — RETRIEVAL-NOTES: keeping how far ahead the best
/// match is beats rank-only fusion. A lesson scores as its best view. The answer is declined when the fused
/// score is low or the question is closer to the organisation's out-of-scope examples than to the best lesson.
/// </summary>
public sealed class HybridKnowledgeSearch(
    LearningBotDbContext db,
    IKeywordIndex keywords,
    ISentenceEmbedder embedder,
    LessonVectorIndex vectors,
    OutOfScopeCatalog outOfScope,
    IOptions<KnowledgeOptions> options) : IKnowledgeSearch
{
    public async Task<KnowledgeAnswer> SearchAsync(string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var settings = options.Value;
        var normalized = QueryNormalizer.Normalize(question);
        if (normalized.Length == 0)
        {
            return new KnowledgeAnswer(false, []);
        }

        var views = await vectors.ViewsAsync(db, cancellationToken).ConfigureAwait(false);
        var keywordMatches = await keywords.SearchAsync(QueryTerms.From(normalized), 400, cancellationToken).ConfigureAwait(false);
        var query = embedder.EmbedQuery(normalized, cancellationToken);

        var keywordByView = keywordMatches
            .GroupBy(m => (m.LessonId, m.Ordinal))
            .ToDictionary(g => g.Key, g => Saturate(g.Max(m => m.Score), settings.KeywordSaturation));
        var keywordByLesson = keywordMatches
            .GroupBy(m => m.LessonId)
            .ToDictionary(g => g.Key, g => Saturate(g.Max(m => m.Score), settings.KeywordSaturation));

        var lessons = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            var cosine = MiniLmSentenceEmbedder.Dot(query, view.Vector);
            if (!lessons.TryGetValue(view.LessonId, out var candidate))
            {
                candidate = new Candidate(view.LessonId);
                lessons[view.LessonId] = candidate;
            }
            candidate.Cosine = Math.Max(candidate.Cosine, cosine);
            candidate.Cosines.Add(cosine);
            if (view.Kind is LessonViews.Intro or LessonViews.Section)
            {
                // The section shown is the one that matches best by meaning and words together.
                var sectionScore = cosine + settings.KeywordWeight * keywordByView.GetValueOrDefault((view.LessonId, view.Ordinal));
                if (sectionScore > candidate.SectionScore)
                {
                    candidate.SectionScore = sectionScore;
                    candidate.Section = view.Ordinal;
                }
            }
        }
        foreach (var candidate in lessons.Values)
        {
            // Soft maximum over the lesson's views (RETRIEVAL-NOTES): the best view counts most, and a lesson
            // several of whose views fit the question gains a little over one with a single lucky view.
            var semantic = candidate.Cosine + ViewTemperature * Math.Log(candidate.Cosines.Sum(c => Math.Exp((c - candidate.Cosine) / ViewTemperature)));
            candidate.Fused = semantic + settings.KeywordWeight * keywordByLesson.GetValueOrDefault(candidate.LessonId);
        }

        var ranked = lessons.Values.OrderByDescending(c => c.Fused).Take(Math.Max(1, settings.ClosestTopics + 1)).ToList();
        if (ranked.Count == 0)
        {
            return new KnowledgeAnswer(false, []);
        }
        var closestOutOfScope = outOfScope.Closest(query);
        var top = ranked[0];
        // An out-of-scope example wins only when it is close in its own right, not merely closer than a weak lesson:
        // a learning question the library lacks ("mentoring interns in data science") is a gap to report, not a
        // facilities request.
        var outOfScopeTopic = closestOutOfScope is { } closest
            && closest.Similarity >= settings.OutOfScopeMinSimilarity
            && closest.Similarity >= top.Cosine - settings.OutOfScopeMargin
                ? closest.Topic
                : null;
        var answered = top.Fused >= settings.AnswerThreshold && outOfScopeTopic is null;

        var hits = await ToHitsAsync(ranked, cancellationToken).ConfigureAwait(false);
        return new KnowledgeAnswer(answered, answered ? hits : hits.Take(settings.ClosestTopics).ToList())
        {
            Redirect = answered ? null : outOfScopeTopic,
        };
    }

    private async Task<List<LessonHit>> ToHitsAsync(List<Candidate> ranked, CancellationToken cancellationToken)
    {
        var ids = ranked.Select(r => r.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.Title, l.Summary })
            .ToDictionaryAsync(l => l.Id, cancellationToken).ConfigureAwait(false);
        var sections = await db.LessonSections.AsNoTracking()
            .Where(s => ids.Contains(s.LessonId))
            .Select(s => new { s.LessonId, s.Ordinal, s.Heading, s.Markdown })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<LessonHit>();
        foreach (var candidate in ranked)
        {
            if (!lessons.TryGetValue(candidate.LessonId, out var lesson))
            {
                continue;
            }
            var section = sections.FirstOrDefault(s => s.LessonId == candidate.LessonId && s.Ordinal == candidate.Section);
            hits.Add(new LessonHit(lesson.Id, lesson.Title, lesson.Summary, candidate.Section, section?.Heading ?? "", section?.Markdown ?? "", Math.Round(candidate.Fused, 4)));
        }
        return hits;
    }

    private const double ViewTemperature = 0.05;

    private static double Saturate(double bm25, double saturation) => bm25 <= 0 ? 0 : bm25 / (bm25 + saturation);

    private sealed class Candidate(string lessonId)
    {
        public string LessonId { get; } = lessonId;
        public double Cosine { get; set; } = double.MinValue;
        public double Fused { get; set; }
        public int Section { get; set; }
        public double SectionScore { get; set; } = double.MinValue;
        public List<double> Cosines { get; } = [];
    }
}
