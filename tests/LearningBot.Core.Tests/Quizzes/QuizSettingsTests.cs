using LearningBot.Core.Cards;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizSettingsTests
{
    private static CardAction Save(Card card) => card.Actions.Single(a => a.Verb == QuizVerbs.SaveSettings);

    [Fact]
    public async Task Quiz_settings_shows_the_current_settings_as_inputs()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");

        var card = Assert.Single((await bed.SayAsync(ada, "quiz settings")).Messages).Card!;

        var inputs = card.Body.OfType<TextInputElement>().ToDictionary(i => i.Id, i => i.Value);
        Assert.Equal("09:30", inputs["time"]);
        Assert.Equal("Mon-Fri", inputs["days"]);
        Assert.Equal("1", inputs["questions"]);
        Assert.Equal("Time zone: Europe/Berlin", card.Subtitle);
    }

    [Fact]
    public async Task Valid_settings_are_saved_and_confirmed()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        var card = Assert.Single((await bed.SayAsync(ada, "quiz settings")).Messages).Card!;

        var reply = await bed.PressAsync(ada, Save(card), new Dictionary<string, string> { ["time"] = "8:15", ["days"] = "mon,wed,fri", ["questions"] = "3", ["pause"] = "0" });

        var settings = await bed.SettingsAsync(ada);
        Assert.Equal(new TimeOnly(8, 15), settings!.DeliveryTime);
        Assert.Equal("Mon,Wed,Fri", QuizSettingsInput.FormatDays(settings.Days));
        Assert.Equal(3, settings.QuestionsPerDay);
        Assert.Contains("Saved: 3 questions at 08:15 (Europe/Berlin) on Mon,Wed,Fri.", Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_explained_and_nothing_is_saved()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin", enrolled: false);
        var card = Assert.Single((await bed.SayAsync(ada, "quiz settings")).Messages).Card!;

        var reply = await bed.PressAsync(ada, Save(card), new Dictionary<string, string> { ["time"] = "25:99", ["days"] = "someday", ["questions"] = "7", ["pause"] = "-1" });

        var text = Assert.Single(reply.Messages).Text!;
        Assert.Contains("Nothing saved", text, StringComparison.Ordinal);
        Assert.Contains("**Time**", text, StringComparison.Ordinal);
        Assert.Contains("**Days**", text, StringComparison.Ordinal);
        Assert.Contains("1, 2 or 3", text, StringComparison.Ordinal);
        Assert.Contains("**Pause**", text, StringComparison.Ordinal);
        Assert.Null(await bed.SettingsAsync(ada));
    }

    [Fact]
    public async Task A_vacation_pause_holds_quizzes_and_moves_due_dates_with_it()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(QuizTestBed.Monday);
        var quiz = Assert.Single((await bed.SayAsync(ada, "quiz")).Messages).Card!;
        await bed.PressAsync(ada, quiz.Actions[0]);
        var dueBefore = await bed.QueryAsync(db => db.Set<QuizCardRecord>().AsNoTracking().Select(c => c.Due).SingleAsync());

        var reply = await bed.SayAsync(ada, "quiz pause 7");
        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 11, 9, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30));

        Assert.Contains("paused until Monday 9 November", Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
        var dueAfter = await bed.QueryAsync(db => db.Set<QuizCardRecord>().AsNoTracking().Select(c => c.Due).SingleAsync());
        Assert.Equal(dueBefore.AddDays(7), dueAfter);
        Assert.Equal([new DateOnly(2026, 11, 9)], (await bed.DailyQuizzesAsync(ada)).Select(d => d.LocalDate));
    }

    [Fact]
    public async Task A_chosen_time_zone_is_kept_and_an_unknown_one_is_explained()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        var card = Assert.Single((await bed.SayAsync(ada, "quiz settings")).Messages).Card!;

        var wrong = await bed.PressAsync(ada, Save(card), new Dictionary<string, string> { ["timezone"] = "Mars/Olympus" });
        var right = await bed.PressAsync(ada, Save(card), new Dictionary<string, string> { ["timezone"] = "Asia/Kolkata" });

        Assert.Contains("**Time zone**", Assert.Single(wrong.Messages).Text, StringComparison.Ordinal);
        Assert.Contains("(Asia/Kolkata)", Assert.Single(right.Messages).Text, StringComparison.Ordinal);
        Assert.Equal("Asia/Kolkata", (await bed.SettingsAsync(ada))!.TimeZone);
    }

    [Fact]
    public async Task Stop_and_resume_switch_daily_quizzes_off_and_on()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");

        var stopped = await bed.SayAsync(ada, "quiz stop");
        Assert.True((await bed.SettingsAsync(ada))!.Stopped);
        var resumed = await bed.SayAsync(ada, "quiz resume");

        Assert.Contains("quiz resume", Assert.Single(stopped.Messages).Text, StringComparison.Ordinal);
        Assert.Contains("back on", Assert.Single(resumed.Messages).Text, StringComparison.Ordinal);
        Assert.False((await bed.SettingsAsync(ada))!.Stopped);
    }

    [Theory]
    [InlineData("Mon-Fri", "Mon-Fri")]
    [InlineData("sat-mon", "Mon,Sat,Sun")]
    [InlineData("Monday Thursday", "Mon,Thu")]
    [InlineData("every day", "Mon,Tue,Wed,Thu,Fri,Sat,Sun")]
    public void Days_are_understood_in_the_ways_people_write_them(string typed, string understood)
    {
        Assert.True(QuizSettingsInput.TryParseDays(typed, out var days));
        Assert.Equal(understood, QuizSettingsInput.FormatDays(days));
    }
}
