using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Data;
using LearningBot.Data.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>Keeps what people tell the knowledge feature: 👍/👎 on answers, and questions the library could not answer.</summary>
public sealed class KnowledgeRecords(LearningBotDbContext db, TimeProvider clock)
{
    private const int MaxQuestion = 1000;

    public async Task RecordFeedbackAsync(Turn turn, string question, string lessonId, bool helpful, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        db.AnswerFeedback.Add(new AnswerFeedbackRecord
        {
            EventId = turn.EventId, PersonId = turn.PersonId, Question = Cut(question), LessonId = lessonId, Helpful = helpful, At = clock.GetUtcNow(),
        });
        await SaveOnceAsync(cancellationToken).ConfigureAwait(false);
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
        await SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Same event already recorded (a redelivered click): it counts once.
            db.ChangeTracker.Clear();
        }
    }

    private static string Cut(string text) => text.Length <= MaxQuestion ? text : text[..MaxQuestion];
}
