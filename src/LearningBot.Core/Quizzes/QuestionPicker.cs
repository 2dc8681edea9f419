using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Quizzes;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// Chooses a learner's questions for one quiz: due ones first (due by the end of the learner's local day), the
/// lowest predicted recall first (queued "quiz me on this" questions count as due with recall 0), then up to a cap of
/// questions the learner has never seen, in track order. Pure: the caller loads the cards.
/// </summary>
public sealed class QuestionPicker(FsrsScheduler fsrs)
{
    public IReadOnlyList<QuizItem> Pick(
        DateTimeOffset now,
        TimeZoneInfo zone,
        IReadOnlyList<QuizCardRecord> cards,
        IReadOnlyList<QuizItem> track,
        IReadOnlyDictionary<string, QuizItem> questionsById,
        int count,
        int newCap)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(questionsById);
        var today = FsrsScheduler.LocalDayNumber(now, zone);
        var picked = new List<QuizItem>(count);
        var due = cards
            .Where(c => FsrsScheduler.LocalDayNumber(c.Due, zone) <= today && questionsById.ContainsKey(c.QuestionId))
            .Select(c => (Card: c, Recall: c.LastReview is null ? 0 : fsrs.Retrievability(ToFsrs(c), now, zone)))
            .OrderBy(c => c.Recall).ThenBy(c => c.Card.Due).ThenBy(c => c.Card.QuestionId, StringComparer.Ordinal);
        foreach (var (card, _) in due)
        {
            if (picked.Count >= count)
            {
                return picked;
            }
            picked.Add(questionsById[card.QuestionId]);
        }
        var known = cards.Select(c => c.QuestionId).ToHashSet(StringComparer.Ordinal);
        foreach (var question in track)
        {
            if (picked.Count >= count || newCap <= 0)
            {
                break;
            }
            if (!known.Contains(question.Id))
            {
                picked.Add(question);
                newCap--;
            }
        }
        return picked;
    }

    public static FsrsCard ToFsrs(QuizCardRecord card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new()
        {
            State = (FsrsState)card.State,
            Stability = card.Stability,
            Difficulty = card.Difficulty,
            Due = card.Due,
            ScheduledDays = card.ScheduledDays,
            Reps = card.Reps,
            Lapses = card.Lapses,
            LastReview = card.LastReview,
        };
    }
}
