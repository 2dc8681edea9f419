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
    /// Stores a 👍/👎: one vote per person, answer (lesson) and question. A repeated vote changes nothing; the other
    /// button changes the vote. A 👍 also teaches retrieval: the question becomes a view of the lesson
    /// (RETRIEVAL-NOTES, "learning from use"), so the next person asking it that way finds the lesson; a 👍 taken back
    /// removes that view again unless someone else's 👍 still holds it.
    /// </summary>
    public async Task<FeedbackVote> RecordFeedbackAsync(Turn turn, string question, string lessonId, bool helpful, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var asked = Cut(question);
        var person = turn.PersonId;
        var earlier = await db.AnswerFeedback
            .Where(f => f.PersonId == person && f.LessonId == lessonId && f.Question == asked)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            if (earlier.Helpful == helpful)
            {
                return FeedbackVote.Unchanged;
            }
            earlier.Helpful = helpful;
            earlier.At = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (helpful)
            {
                await LearnAsync(asked, lessonId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UnlearnAsync(asked, lessonId, cancellationToken).ConfigureAwait(false);
            }
            return FeedbackVote.Changed;
        }
        db.AnswerFeedback.Add(new AnswerFeedbackRecord
        {
            EventId = turn.EventId, PersonId = person, Question = asked, LessonId = lessonId, Helpful = helpful, At = clock.GetUtcNow(),
        });
        // A redelivered click counts once.
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return FeedbackVote.Unchanged;
        }
        if (helpful)
        {
            await LearnAsync(asked, lessonId, cancellationToken).ConfigureAwait(false);
        }
        return FeedbackVote.New;
    }

    /// <summary>The question as a view of the lesson, for embeddings and keywords.</summary>
    /// <summary>Teaches search that <paramref name="question"/> is answered by <paramref name="lessonId"/>, as a 👍 does.</summary>
    public Task TeachAsync(string question, string lessonId, CancellationToken cancellationToken) =>
        LearnAsync(Cut(question ?? ""), lessonId, cancellationToken);

    private async Task LearnAsync(string question, string lessonId, CancellationToken cancellationToken)
    {
        var text = QueryNormalizer.Normalize(question);
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

    /// <summary>Removes the view a 👍 taught, unless another person's 👍 on the same question still stands.</summary>
    private async Task UnlearnAsync(string question, string lessonId, CancellationToken cancellationToken)
    {
        var text = QueryNormalizer.Normalize(question);
        var helpfulQuestions = await db.AnswerFeedback.Where(f => f.LessonId == lessonId && f.Helpful).Select(f => f.Question)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length == 0 || helpfulQuestions.Any(q => QueryNormalizer.Normalize(q) == text))
        {
            return;
        }
        var views = await db.LessonViews.Where(v => v.LessonId == lessonId && v.Kind == LessonViews.Asked && v.Text == text)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (views.Count == 0)
        {
            return;
        }
        db.LessonViews.RemoveRange(views);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await keywords.RemoveAskedAsync(lessonId, text, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Keeps the question for analytics: answered by <paramref name="lessonId"/>, or declined when null. Once per event.</summary>
    public async Task RecordAskedAsync(Turn turn, string? lessonId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        db.Set<AskedQuestionRecord>().Add(new AskedQuestionRecord
        {
            EventId = turn.EventId, PersonId = turn.PersonId, Answered = lessonId is not null, LessonId = lessonId, At = clock.GetUtcNow(),
        });
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Cut(string text) => text.Length <= MaxQuestion ? text : text[..MaxQuestion];
}

/// <summary>What a 👍/👎 click did to the person's one vote on an answer.</summary>
public enum FeedbackVote
{
    /// <summary>The first vote on this answer.</summary>
    New,
    /// <summary>The other button: the vote changed.</summary>
    Changed,
    /// <summary>The same button again (or a redelivered click): nothing changed.</summary>
    Unchanged,
}
