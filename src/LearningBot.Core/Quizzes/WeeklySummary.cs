using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// The weekly "what you've kept" card, written by the dispatcher with the learner's last quiz of the week and composed
/// when sent: lessons whose predicted recall (FSRS retrievability, averaged over the lesson's questions) is high, the
/// ones slipping with a "Quiz me on this" button, and the streak.
/// </summary>
public sealed class WeeklySummaryComposer(LearningBotDbContext db, FsrsScheduler fsrs, TimeProvider clock) : IOutboxComposer
{
    public const string WeeklyKind = "quiz-weekly";
    public const double KeptRecall = 0.85;
    public const double SlippingRecall = 0.70;

    public string Kind => WeeklyKind;

    /// <summary>True when <paramref name="today"/> is the last of the learner's quiz days in its Monday–Sunday week.</summary>
    public static bool IsLastQuizDayOfWeek(int days, DayOfWeek today)
    {
        if (today == DayOfWeek.Sunday)
        {
            return true;
        }
        for (var day = (int)today + 1; day <= 7; day++)
        {
            if (LocalCalendar.Includes(days, (DayOfWeek)(day % 7)))
            {
                return false;
            }
        }
        return true;
    }

    public static string Key(Guid personId, DateOnly today) =>
        $"quiz-weekly:{personId}:{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}";

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PersonId is not { } personId)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var person = await db.Set<PersonRecord>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        var settings = await db.Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == personId, cancellationToken).ConfigureAwait(false);
        var zone = LocalCalendar.Zone(settings?.TimeZone, person?.TimeZone);
        var cards = await db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.PersonId == personId && c.LastReview != null).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (cards.Count == 0)
        {
            return null;
        }
        var lessonIds = cards.Select(c => c.LessonId).Distinct().ToList();
        var titles = await db.Set<LessonRecord>().AsNoTracking().Where(l => lessonIds.Contains(l.Id) && !l.Retired)
            .ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken).ConfigureAwait(false);
        var lessons = cards.Where(c => titles.ContainsKey(c.LessonId))
            .GroupBy(c => c.LessonId)
            .Select(g => (LessonId: g.Key, Title: titles[g.Key], Recall: g.Average(c => fsrs.Retrievability(QuestionPicker.ToFsrs(c), now, zone))))
            .OrderByDescending(l => l.Recall).ToList();
        return OutboundMessage.FromCard(Card(lessons, settings?.Streak ?? 0));
    }

    public static Card Card(IReadOnlyList<(string LessonId, string Title, double Recall)> lessons, int streak)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        var kept = lessons.Where(l => l.Recall >= KeptRecall).ToList();
        var slipping = lessons.Where(l => l.Recall < SlippingRecall).OrderBy(l => l.Recall).Take(3).ToList();
        var body = new List<CardElement>();
        if (streak > 1)
        {
            body.Add(new TextElement($"🔥 You've answered {streak} quizzes in a row."));
        }
        body.Add(new HeadingElement("Kept"));
        body.Add(new TextElement(kept.Count == 0
            ? "Nothing above 85% yet — a few more quizzes and it will be."
            : string.Join("\n", kept.Take(5).Select(l => $"- {l.Title} — {Percent(l.Recall)}"))));
        if (slipping.Count > 0)
        {
            body.Add(new HeadingElement("Slipping"));
            body.Add(new TextElement(string.Join("\n", slipping.Select(l => $"- {l.Title} — {Percent(l.Recall)}"))));
        }
        return new Card
        {
            Title = "What you've kept this week",
            Subtitle = "Predicted recall today, from your quiz answers",
            Body = body,
            Actions = [.. slipping.Select(l => CardAction.Submit($"Quiz me on {Shorten(l.Title)}", QuizVerbs.QueueLesson, new Dictionary<string, string> { ["lessonId"] = l.LessonId }))],
        };
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Percent(double recall) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(recall * 100):0}%");

    private static string Shorten(string title) => title.Length <= 30 ? title : title[..29] + "…";
}
