using LearningBot.Core.Cards;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Quizzes.Fsrs;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizAnswerTests
{
    private static async Task<(QuizTestBed Bed, Guid Ada, Card Card)> QuizNowAsync()
    {
        var bed = await QuizTestBed.CreateAsync();
        bed.Clock.SetUtcNow(QuizTestBed.Monday);
        var ada = await bed.LearnerAsync("Europe/Berlin");
        var card = Assert.Single((await bed.SayAsync(ada, "quiz")).Messages).Card!;
        return (bed, ada, card);
    }

    private static CardAction Choice(Card card, int index) => card.Actions.Where(a => a.Verb == QuizVerbs.Answer).ElementAt(index);

    [Fact]
    public async Task Quiz_asks_one_question_now_with_its_choices_as_buttons()
    {
        var (bed, _, card) = await QuizNowAsync();
        await using var _ = bed;

        Assert.Equal("Your quiz", card.Title);
        Assert.Contains(card.Body, e => e is TextElement { Text: "**What comes after the situation?**" });
        Assert.Equal(["The behavior", "The judgement", "The fix"], card.Actions.Select(a => a.Title));
        Assert.All(card.Actions, a => Assert.Equal(QuizVerbs.Answer, a.Verb));
        Assert.Equal("a-1", card.Actions[0].Data["questionId"]);
        Assert.Equal("0", card.Actions[0].Data["choice"]);
    }

    [Fact]
    public async Task A_right_answer_updates_the_card_in_place_and_schedules_the_question_as_Good()
    {
        var (bed, ada, card) = await QuizNowAsync();
        await using var _ = bed;

        var reply = await bed.PressAsync(ada, Choice(card, 0));

        var updated = reply.UpdatedCard!;
        Assert.Contains(updated.Body, e => e is TextElement t && t.Text.Contains("**Right**", StringComparison.Ordinal));
        Assert.Contains(updated.Body, e => e is TextElement { Text: "Describe the behavior next." });
        var open = Assert.Single(updated.Actions);
        Assert.Equal(KnowledgeVerbs.OpenLesson, open.Verb);
        Assert.Equal("lesson-a", open.Data["lessonId"]);
        var stored = await bed.QueryAsync(db => db.Set<QuizCardRecord>().AsNoTracking().SingleAsync(c => c.PersonId == ada));
        Assert.Equal(3, stored.ScheduledDays); // a first Good at 90% retention
        Assert.Equal(QuizTestBed.Monday.AddDays(3), stored.Due);
        var review = await bed.QueryAsync(db => db.Set<QuizReviewRecord>().AsNoTracking().SingleAsync());
        Assert.Equal((int)Rating.Good, review.Rating);
        Assert.Equal((int)FsrsState.New, review.StateBefore);
        Assert.Equal((int)FsrsState.Review, review.StateAfter);
    }

    [Fact]
    public async Task A_wrong_answer_shows_the_right_one_and_the_explanation_and_schedules_Again()
    {
        var (bed, ada, card) = await QuizNowAsync();
        await using var _ = bed;

        var updated = (await bed.PressAsync(ada, Choice(card, 2))).UpdatedCard!;

        Assert.Contains(updated.Body, e => e is TextElement t && t.Text.Contains("You chose \"The fix\"", StringComparison.Ordinal) && t.Text.Contains("**The behavior**", StringComparison.Ordinal));
        Assert.Contains(updated.Body, e => e is TextElement { Text: "Describe the behavior next." });
        var review = await bed.QueryAsync(db => db.Set<QuizReviewRecord>().AsNoTracking().SingleAsync());
        Assert.Equal((int)Rating.Again, review.Rating);
    }

    [Fact]
    public async Task An_answer_click_that_arrives_twice_counts_once()
    {
        var (bed, ada, card) = await QuizNowAsync();
        await using var _ = bed;

        var first = await bed.PressAsync(ada, Choice(card, 0));
        var second = await bed.PressAsync(ada, Choice(card, 2)); // a late, different click on the same card

        Assert.Equal(1, await bed.QueryAsync(db => db.Set<QuizReviewRecord>().CountAsync()));
        var stored = await bed.QueryAsync(db => db.Set<QuizCardRecord>().AsNoTracking().SingleAsync(c => c.PersonId == ada));
        Assert.Equal(1, stored.Reps);
        Assert.Equivalent(first.UpdatedCard, second.UpdatedCard); // the card still shows the first answer
    }

    [Fact]
    public async Task Two_copies_of_the_same_click_processed_at_once_count_once()
    {
        var (bed, ada, card) = await QuizNowAsync();
        await using var _ = bed;

        var replies = await Task.WhenAll(bed.PressAsync(ada, Choice(card, 0)), bed.PressAsync(ada, Choice(card, 0)));

        Assert.All(replies, r => Assert.NotNull(r.UpdatedCard));
        Assert.Equal(1, await bed.QueryAsync(db => db.Set<QuizReviewRecord>().CountAsync()));
        Assert.Equal(1, (await bed.QueryAsync(db => db.Set<QuizCardRecord>().AsNoTracking().SingleAsync(c => c.PersonId == ada))).Reps);
    }

    [Fact]
    public async Task Someone_else_cannot_answer_a_learners_quiz()
    {
        var (bed, _, card) = await QuizNowAsync();
        await using var _ = bed;
        var grace = await bed.LearnerAsync("Europe/Berlin", "Grace");

        var reply = await bed.PressAsync(grace, Choice(card, 0));

        Assert.Contains("isn't yours", Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
        Assert.Equal(0, await bed.QueryAsync(db => db.Set<QuizReviewRecord>().CountAsync()));
    }

    [Fact]
    public async Task A_damaged_answer_button_gets_a_helpful_message_not_an_error()
    {
        var (bed, ada, _) = await QuizNowAsync();
        await using var _ = bed;

        var reply = await bed.PressAsync(ada, CardAction.Submit("?", QuizVerbs.Answer, new Dictionary<string, string> { ["questionId"] = "a-1", ["choice"] = "x" }));

        Assert.Contains("Type **quiz**", Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_the_daily_quiz_resets_the_unanswered_count_and_grows_the_streak()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));
        await bed.DispatchAsync();
        var delivery = Assert.Single(await bed.DailyQuizzesAsync(ada));
        var quizCard = await ComposeAsync(bed, delivery);

        await bed.PressAsync(ada, Choice(quizCard, 0));

        var settings = await bed.SettingsAsync(ada);
        Assert.Equal(0, settings!.ConsecutiveUnanswered);
        Assert.Equal(1, settings.Streak);
        Assert.Equal("a-1", (await bed.DailyQuizzesAsync(ada))[0].AnsweredQuestionIds);
    }

    [Fact]
    public async Task Quiz_me_on_this_puts_the_lessons_questions_first_in_the_next_quiz()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        await bed.ChangeSettingsAsync(ada, s => s.QuestionsPerDay = 2);
        bed.Clock.SetUtcNow(QuizTestBed.Monday);

        var reply = await bed.PressAsync(ada, CardAction.Submit("Quiz me on this", QuizVerbs.QueueLesson, new Dictionary<string, string> { ["lessonId"] = "lesson-b" }));
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));
        await bed.DispatchAsync();

        Assert.Contains("Added 2 questions from \"Lesson B\"", Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
        Assert.Equal("b-1|b-2", Assert.Single(await bed.DailyQuizzesAsync(ada)).QuestionIds);
    }

    [Fact]
    public async Task Due_questions_come_first_lowest_recall_first_then_a_capped_number_of_new_ones()
    {
        var fsrs = new FsrsScheduler(new FsrsParameters());
        var picker = new QuestionPicker(fsrs);
        var now = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);
        QuizItem Item(string id) => new(id, "l", "L", 0, "?", ["x", "y"], 0, "");
        var track = new[] { Item("new-1"), Item("strong"), Item("weak"), Item("new-2"), Item("new-3"), Item("later") };
        QuizCardRecord Card(string id, double stability, int daysAgo, int dueInDays) => new()
        {
            QuestionId = id, LessonId = "l", State = 2, Stability = stability, Difficulty = 5,
            LastReview = now.AddDays(-daysAgo), Due = now.AddDays(dueInDays), Reps = 1,
        };
        var cards = new[] { Card("strong", 30, 30, 0), Card("weak", 2, 10, -8), Card("later", 50, 1, 40) };

        var picked = picker.Pick(now, TimeZoneInfo.Utc, cards, track, track.ToDictionary(q => q.Id), count: 3, newCap: 1);

        Assert.Equal(["weak", "strong", "new-1"], picked.Select(q => q.Id));
    }

    private static async Task<Card> ComposeAsync(QuizTestBed bed, QuizDeliveryRecord delivery)
    {
        await using var scope = bed.Scope();
        var composer = (QuizOutboxComposer)Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetServices<LearningBot.Core.Outbox.IOutboxComposer>(scope.ServiceProvider).Single(c => c.Kind == QuizDispatcher.QuizOutboxKind);
        var outbox = Assert.Single(await bed.OutboxAsync(delivery.PersonId));
        return (await composer.ComposeAsync(outbox, CancellationToken.None))!.Card!;
    }
}
