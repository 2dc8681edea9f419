using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// A learner's quiz state changes: answering (right → Good, wrong → Again; the FSRS schedule and the review log
/// update in one transaction, once per question per card), queueing a lesson's questions, on-demand quizzes.
/// </summary>
public sealed partial class QuizAnswers(LearningBotDbContext db, QuestionBank bank, QuestionPicker picker, FsrsScheduler fsrs, TimeProvider clock, ILogger<QuizAnswers> logger)
{
    public static IReadOnlyList<string> Ids(string joined) => joined.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public async Task<Reply> AnswerAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!action.Data.TryGetValue("questionId", out var questionId) || string.IsNullOrWhiteSpace(questionId)
            || !action.Data.TryGetValue("choice", out var choiceText) || !int.TryParse(choiceText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var choice)
            || !action.Data.TryGetValue("deliveryId", out var deliveryText) || !long.TryParse(deliveryText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var deliveryId))
        {
            return Reply.WithText("That answer button is missing its question — the card may be from an older version. Type **quiz** for a fresh question.");
        }
        var delivery = await db.Set<QuizDeliveryRecord>().SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null || delivery.PersonId != turn.PersonId)
        {
            return Reply.WithText("This quiz card isn't yours to answer. Type **quiz** for a question of your own.");
        }
        var questionIds = Ids(delivery.QuestionIds);
        if (!questionIds.Contains(questionId, StringComparer.Ordinal))
        {
            return Reply.WithText("That question isn't on this quiz card any more. Type **quiz** for a fresh question.");
        }
        var questions = await bank.FindAsync(questionIds, cancellationToken).ConfigureAwait(false);
        var question = questions.FirstOrDefault(q => q.Id == questionId);
        if (question is null)
        {
            return Reply.WithText("That question has been retired from the library. Type **quiz** for a current one.");
        }

        for (var attempt = 0; ; attempt++)
        {
            if (Ids(delivery.AnsweredQuestionIds).Contains(questionId, StringComparer.Ordinal))
            {
                Log.DuplicateAnswer(logger, turn.PersonId, deliveryId, questionId);
                break;
            }
            if (await RecordAsync(turn.PersonId, delivery, question, choice, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
            // The save lost a race: either the same click got there first (then the answer is recorded), or a
            // settings or card row appeared meanwhile (then one more try with fresh rows records it).
            var answered = await db.Set<QuizReviewRecord>().AnyAsync(r => r.DeliveryId == deliveryId && r.QuestionId == questionId, cancellationToken).ConfigureAwait(false);
            if (answered || attempt > 0)
            {
                Log.DuplicateAnswer(logger, turn.PersonId, deliveryId, questionId);
                break;
            }
            delivery = await db.Set<QuizDeliveryRecord>().SingleAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        }
        return new Reply { UpdatedCard = await CardAsync(deliveryId, questions, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Saves the review; false when this question on this card was answered already (a click that arrived twice).</summary>
    private async Task<bool> RecordAsync(Guid personId, QuizDeliveryRecord delivery, QuizItem question, int choice, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var person = await db.Set<PersonRecord>().AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        var settings = await db.Set<QuizSettingsRecord>().SingleOrDefaultAsync(s => s.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (settings is null && delivery.Kind == QuizDeliveryKind.Daily)
        {
            // A daily quiz is only sent to someone enrolled; the row holds its counters. An answer to a quiz asked
            // for with "quiz" creates none: a settings row means "sign me up for daily quizzes".
            settings = new QuizSettingsRecord { PersonId = personId, UpdatedAt = now };
            db.Add(settings);
        }
        var zone = LocalCalendar.Zone(settings?.TimeZone, person.TimeZone);
        var card = await db.Set<QuizCardRecord>().SingleOrDefaultAsync(c => c.PersonId == personId && c.QuestionId == question.Id, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            card = new QuizCardRecord { PersonId = personId, QuestionId = question.Id, LessonId = question.LessonId, Due = now };
            db.Add(card);
        }
        var rating = choice == question.Answer ? Rating.Good : Rating.Again;
        var review = fsrs.Review(card.LastReview is null ? FsrsCard.New(now) : QuestionPicker.ToFsrs(card), now, rating, zone);
        var after = review.After;
        db.Add(new QuizReviewRecord
        {
            PersonId = personId,
            QuestionId = question.Id,
            DeliveryId = delivery.Id,
            ReviewedAt = now,
            Rating = (int)rating,
            Choice = choice,
            ElapsedDays = review.ElapsedDays,
            StateBefore = card.State,
            StabilityBefore = card.Stability,
            DifficultyBefore = card.Difficulty,
            DueBefore = card.LastReview is null ? null : card.Due,
            StateAfter = (int)after.State,
            StabilityAfter = after.Stability,
            DifficultyAfter = after.Difficulty,
            ScheduledDaysAfter = after.ScheduledDays,
            DueAfter = after.Due,
        });
        card.State = (int)after.State;
        card.Stability = after.Stability;
        card.Difficulty = after.Difficulty;
        card.Due = after.Due;
        card.ScheduledDays = after.ScheduledDays;
        card.Reps = after.Reps;
        card.Lapses = after.Lapses;
        card.LastReview = after.LastReview;

        var firstAnswerOnCard = delivery.AnsweredQuestionIds.Length == 0;
        delivery.AnsweredQuestionIds = string.Join('|', Ids(delivery.AnsweredQuestionIds).Append(question.Id));
        delivery.FirstAnsweredAt ??= now;
        if (settings is not null)
        {
            if (delivery.Kind == QuizDeliveryKind.Daily && firstAnswerOnCard)
            {
                settings.ConsecutiveUnanswered = 0;
                settings.Streak++;
                settings.LongestStreak = Math.Max(settings.LongestStreak, settings.Streak);
            }
            settings.UpdatedAt = now;
        }
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // The unique (delivery, question) review: the same click, processed concurrently, got there first.
            return false;
        }
        Log.Answered(logger, personId, delivery.Id, question.Id, (int)rating, after.ScheduledDays);
        return true;
    }

    private async Task<Cards.Card> CardAsync(long deliveryId, IReadOnlyList<QuizItem> questions, CancellationToken cancellationToken)
    {
        var shown = await db.Set<QuizReviewRecord>().AsNoTracking()
            .Where(r => r.DeliveryId == deliveryId)
            .ToDictionaryAsync(r => r.QuestionId, r => r.Choice, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var delivery = await db.Set<QuizDeliveryRecord>().AsNoTracking().SingleAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        var streak = await db.Set<QuizSettingsRecord>().AsNoTracking().Where(s => s.PersonId == delivery.PersonId).Select(s => s.Streak).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return QuizCards.Quiz(deliveryId, questions, shown, delivery.Kind == QuizDeliveryKind.Daily ? streak : 0);
    }

    /// <summary>"Quiz me on this": the lesson's questions become due now, so the next quiz starts with them.</summary>
    public async Task<Reply> QueueLessonAsync(Turn turn, string lessonId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (title, questions) = await bank.LessonAsync(lessonId, cancellationToken).ConfigureAwait(false);
        if (title is null)
        {
            return Reply.WithText("That lesson has been retired from the library, so there's nothing to quiz you on. Ask a question to find the current one.");
        }
        if (questions.Count == 0)
        {
            return Reply.WithText($"\"{title}\" has no quiz questions yet.");
        }
        var now = clock.GetUtcNow();
        var ids = questions.Select(q => q.Id).ToList();
        var cards = await db.Set<QuizCardRecord>().Where(c => c.PersonId == turn.PersonId && ids.Contains(c.QuestionId)).ToDictionaryAsync(c => c.QuestionId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var question in questions)
        {
            if (cards.TryGetValue(question.Id, out var card))
            {
                // Due now, and marked queued (due at its last review, see QuestionPicker.IsQueued) so it comes
                // before the other due questions; its memory state is untouched.
                card.Due = card.LastReview is { } last && last <= now ? last : now;
            }
            else
            {
                db.Add(new QuizCardRecord { PersonId = turn.PersonId, QuestionId = question.Id, LessonId = question.LessonId, State = (int)FsrsState.New, Due = now });
            }
        }
        // False when the same button was pressed twice at once: the other press queued them.
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        var them = questions.Count == 1 ? "it comes" : "they come";
        return Reply.WithText($"Added {questions.Count} question{(questions.Count == 1 ? "" : "s")} from \"{title}\" to your quiz queue — {them} first in your next quiz. Type **quiz** to take it now.");
    }

    /// <summary>
    /// "quiz": one question now, the most useful one, on its own card — or every question queued with "quiz me on
    /// this" (up to three). It counts as today's quiz: the daily one does not come again the same day.
    /// </summary>
    public async Task<Reply> QuizNowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var now = clock.GetUtcNow();
        var person = await db.Set<PersonRecord>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == turn.PersonId, cancellationToken).ConfigureAwait(false);
        var settings = await db.Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        var zone = LocalCalendar.Zone(settings?.TimeZone, person?.TimeZone ?? turn.TimeZone);
        var defaultTrack = await bank.DefaultTrackAsync(cancellationToken).ConfigureAwait(false);
        var configured = await bank.ConfiguredTracksAsync(cancellationToken).ConfigureAwait(false);
        var track = configured.Count == 0
            ? defaultTrack
            : QuestionBank.TrackFor((await bank.AssignmentsAsync([turn.PersonId], cancellationToken).ConfigureAwait(false))[turn.PersonId], configured, defaultTrack);
        var cards = await db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.PersonId == turn.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false);
        // Due and queued questions come from the whole library (a lesson queued from an answer may be outside the
        // learner's track); new ones from their track.
        var byId = track.Concat(configured.Values.SelectMany(t => t)).DistinctBy(q => q.Id).ToDictionary(q => q.Id, StringComparer.Ordinal);
        var picked = picker.Pick(now, zone, cards, track, byId, 1, 1);
        if (picked.Count == 0)
        {
            // Nothing due and nothing new: practise the question closest to being forgotten.
            var weakest = cards.Where(c => byId.ContainsKey(c.QuestionId) && c.LastReview is not null)
                .OrderBy(c => fsrs.Retrievability(QuestionPicker.ToFsrs(c), now, zone)).FirstOrDefault();
            if (weakest is null)
            {
                return Reply.WithText("There are no quiz questions in the library yet. Ask me something instead!");
            }
            picked = [byId[weakest.QuestionId]];
        }
        var delivery = new QuizDeliveryRecord
        {
            PersonId = turn.PersonId,
            LocalDate = LocalCalendar.LocalDate(now, zone),
            Kind = QuizDeliveryKind.OnDemand,
            QuestionIds = string.Join('|', picked.Select(q => q.Id)),
            CreatedAt = now,
        };
        db.Add(delivery);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.WithCard(QuizCards.Quiz(delivery.Id, picked, new Dictionary<string, int>()));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "Learner {PersonId} answered question {QuestionId} of quiz {DeliveryId}: rating {Rating}, next in {Days} days")]
        public static partial void Answered(ILogger logger, Guid personId, long deliveryId, string questionId, int rating, int days);

        [LoggerMessage(EventId = 811, Level = LogLevel.Debug, Message = "Learner {PersonId} answered question {QuestionId} of quiz {DeliveryId} again; counted once")]
        public static partial void DuplicateAnswer(ILogger logger, Guid personId, long deliveryId, string questionId);
    }
}
