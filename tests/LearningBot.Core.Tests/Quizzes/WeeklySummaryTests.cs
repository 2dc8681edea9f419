using LearningBot.Core.Cards;
using LearningBot.Core.Quizzes;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class WeeklySummaryTests
{
    [Fact]
    public async Task The_weekly_summary_goes_out_with_the_last_quiz_of_the_week_once_there_is_something_to_show()
    {
        await using var bed = await QuizTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Quizzes:UnansweredBeforePause"] = "10" });
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(QuizTestBed.Monday);
        var quiz = Assert.Single((await bed.SayAsync(ada, "quiz")).Messages).Card!;
        await bed.PressAsync(ada, quiz.Actions[0]);

        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30));

        var weekly = Assert.Single(await bed.OutboxAsync(ada), m => m.Kind == WeeklySummaryComposer.WeeklyKind);
        Assert.Equal($"quiz-weekly:{ada}:2026-W45", weekly.IdempotencyKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 8, 30, 0, TimeSpan.Zero), weekly.CreatedAt); // Friday 09:30 in Berlin
    }

    [Theory]
    [InlineData(QuizSettingsRecord.WorkingDays, DayOfWeek.Friday, true)]
    [InlineData(QuizSettingsRecord.WorkingDays, DayOfWeek.Thursday, false)]
    [InlineData(0b111_1111, DayOfWeek.Sunday, true)]
    [InlineData(0b111_1111, DayOfWeek.Saturday, false)]
    [InlineData((1 << 1) | (1 << 3), DayOfWeek.Wednesday, true)]
    public void The_last_quiz_day_of_the_week_follows_the_learners_days(int days, DayOfWeek today, bool last)
    {
        Assert.Equal(last, WeeklySummaryComposer.IsLastQuizDayOfWeek(days, today));
    }

    [Fact]
    public void The_summary_lists_kept_lessons_and_offers_to_quiz_the_slipping_ones()
    {
        var card = WeeklySummaryComposer.Card([("a", "Giving feedback", 0.95), ("b", "Phishing", 0.6), ("c", "Meetings", 0.8)], streak: 4);

        var text = string.Join("\n", card.Body.OfType<TextElement>().Select(t => t.Text));
        Assert.Contains("- Giving feedback — 95%", text, StringComparison.Ordinal);
        Assert.Contains("- Phishing — 60%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Meetings", text, StringComparison.Ordinal);
        Assert.Contains("4 quizzes in a row", text, StringComparison.Ordinal);
        var button = Assert.Single(card.Actions);
        Assert.Equal(QuizVerbs.QueueLesson, button.Verb);
        Assert.Equal("b", button.Data["lessonId"]);
    }
}
