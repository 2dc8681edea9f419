using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Quizzes;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// Chooses a learner's questions for one quiz: first the questions queued with "quiz me on this" (all of them, up to
/// <see cref="MaxQuestions"/>, even past the usual count — the card promised they come first), then the due ones (due
/// by the end of the learner's local day), the lowest predicted recall first, then up to a cap of questions the
/// learner has never seen, in track order. Pure: the caller loads the cards.
/// </summary>
public sealed class QuestionPicker(FsrsScheduler fsrs)
{
    /// <summary>The most questions one quiz card holds.</summary>
    public const int MaxQuestions = 3;

    /// <summary>
    /// A queued card: never answered (only "quiz me on this" creates such a row), or answered before and made due at
    /// its last review. FSRS never schedules a question for the moment it was reviewed (intervals are whole days of
    /// at least one), so a due date at or before the last review means "asked for again".
    /// </summary>
    public static bool IsQueued(QuizCardRecord card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.LastReview is not { } last || card.Due <= last;
    }

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
        var queued = cards
            .Where(c => IsQueued(c) && c.Due <= now && questionsById.ContainsKey(c.QuestionId))
            .OrderBy(c => c.Due).ThenBy(c => questionsById[c.QuestionId].LessonId, StringComparer.Ordinal).ThenBy(c => questionsById[c.QuestionId].Ordinal)
            .ToList();
        count = Math.Max(count, Math.Min(queued.Count, MaxQuestions));
        var picked = queued.Take(count).Select(c => questionsById[c.QuestionId]).ToList();
        var queuedIds = queued.Select(c => c.QuestionId).ToHashSet(StringComparer.Ordinal);
        var due = cards
            .Where(c => !queuedIds.Contains(c.QuestionId) && FsrsScheduler.LocalDayNumber(c.Due, zone) <= today && questionsById.ContainsKey(c.QuestionId))
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
