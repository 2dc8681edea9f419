using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>Keeps what people tell the knowledge feature: 👍/👎 on answers, and questions the library could not answer.</summary>
public sealed class KnowledgeRecords(LearningBotDbContext db, ISentenceEmbedder embedder, IKeywordIndex keywords, TimeProvider clock)
{
    private const int MaxQuestion = 1000;
    private const int MaxAskedViewsPerLesson = 50;

    /// <summary>
    /// Stores a 👍/👎. A 👍 also teaches retrieval: the question becomes a view of the lesson (RETRIEVAL-NOTES,
    /// "learning from use"), so the next person asking it that way finds the lesson.
    /// </summary>
    public async Task RecordFeedbackAsync(Turn turn, string question, string lessonId, bool helpful, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        db.AnswerFeedback.Add(new AnswerFeedbackRecord
        {
            EventId = turn.EventId, PersonId = turn.PersonId, Question = Cut(question), LessonId = lessonId, Helpful = helpful, At = clock.GetUtcNow(),
        });
        // A redelivered click counts once.
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false) || !helpful)
        {
            return;
        }
        var text = QueryNormalizer.Normalize(Cut(question));
        var known = await db.LessonViews.Where(v => v.LessonId == lessonId && v.Kind == LessonViews.Asked)
            .Select(v => v.Text).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length == 0 || known.Contains(text) || known.Count >= MaxAskedViewsPerLesson
            || !await db.Lessons.AnyAsync(l => l.Id == lessonId && !l.Retired, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        db.LessonViews.Add(new LessonViewRecord
        {
            LessonId = lessonId, Kind = LessonViews.Asked, Ordinal = known.Count, Text = text,
            Embedding = MiniLmSentenceEmbedder.ToBytes(embedder.Embed([text], cancellationToken)[0]),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await keywords.AddAskedAsync(lessonId, text, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordGapAsync(Turn turn, string question, KnowledgeAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answer);
        db.ContentGaps.Add(new ContentGapRecord
        {
            EventId = turn.EventId, PersonId = turn.PersonId, Question = Cut(question), ClosestLessonId = answer.Best?.LessonId,
            RedirectTopic = answer.Redirect?.Topic, At = clock.GetUtcNow(),
        });
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Cut(string text) => text.Length <= MaxQuestion ? text : text[..MaxQuestion];
}
