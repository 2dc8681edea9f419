using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizDispatcherTests
{
    private static readonly Dictionary<string, string?> EveryDay = new() { ["LearningBot:Quizzes:NewQuestionsPerDay"] = "3" };
    private static readonly Dictionary<string, string?> NeverPause = new() { ["LearningBot:Quizzes:UnansweredBeforePause"] = "1000" };

    [Fact]
    public async Task A_learner_gets_nothing_before_their_local_delivery_time_and_one_quiz_at_it()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");

        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 29, 0, TimeSpan.Zero)); // 09:29 in Berlin
        var early = await bed.DispatchAsync();
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero)); // 09:30
        var onTime = await bed.DispatchAsync();

        Assert.Equal(0, early.QuizzesWritten);
        Assert.Equal(1, onTime.QuizzesWritten);
        var quiz = Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Equal(new DateOnly(2026, 11, 2), quiz.LocalDate);
        var message = Assert.Single(await bed.OutboxAsync(ada));
        Assert.Equal($"quiz:{ada}:2026-11-02", message.IdempotencyKey);
        Assert.Equal(message.Id, quiz.OutboxMessageId);
    }

    [Fact]
    public async Task Running_the_dispatcher_again_the_same_day_writes_no_second_quiz()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));

        await bed.DispatchAsync();
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await bed.DispatchAsync();

        Assert.Equal(0, again.QuizzesWritten);
        Assert.Equal(1, again.AlreadyDelivered);
        Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Single(await bed.OutboxAsync(ada));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_write_one_quiz_per_learner()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var learners = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            learners.Add(await bed.LearnerAsync("Europe/Berlin", $"L{i}"));
        }
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));

        var reports = await Task.WhenAll(bed.DispatchAsync(), bed.DispatchAsync());

        Assert.Equal(5, reports.Sum(r => r.QuizzesWritten));
        foreach (var learner in learners)
        {
            Assert.Single(await bed.DailyQuizzesAsync(learner));
        }
    }

    [Fact]
    public async Task A_restart_after_part_of_a_run_was_written_completes_the_rest_without_duplicates()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin", "Ada");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));
        await bed.DispatchAsync(); // the run before the crash wrote Ada's quiz
        var grace = await bed.LearnerAsync("Europe/Berlin", "Grace"); // not yet written when it stopped

        var afterRestart = await bed.DispatchAsync();

        Assert.Equal(1, afterRestart.QuizzesWritten);
        Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Single(await bed.DailyQuizzesAsync(grace));
    }

    [Fact]
    public async Task Nothing_arrives_on_days_off_while_paused_or_when_stopped()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var weekend = await bed.LearnerAsync("Europe/Berlin", "Weekend");
        var paused = await bed.LearnerAsync("Europe/Berlin", "Paused");
        var stopped = await bed.LearnerAsync("Europe/Berlin", "Stopped");
        await bed.ChangeSettingsAsync(paused, s => s.PausedUntil = new DateOnly(2026, 11, 4));
        await bed.ChangeSettingsAsync(stopped, s => s.Stopped = true);

        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 8, 30, 0, TimeSpan.Zero)); // Tuesday: paused until Wednesday
        await bed.DispatchAsync();
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 8, 30, 0, TimeSpan.Zero)); // Wednesday: resumes
        await bed.DispatchAsync();
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 7, 8, 30, 0, TimeSpan.Zero)); // Saturday
        Assert.Equal(0, (await bed.DispatchAsync()).QuizzesWritten);

        Assert.Equal([new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 4)], (await bed.DailyQuizzesAsync(weekend)).Select(d => d.LocalDate));
        Assert.Equal([new DateOnly(2026, 11, 4)], (await bed.DailyQuizzesAsync(paused)).Select(d => d.LocalDate));
        Assert.Empty(await bed.DailyQuizzesAsync(stopped));
    }

    [Fact]
    public async Task After_downtime_todays_quiz_goes_out_late_but_missed_days_are_never_made_up()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");

        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 5, 13, 0, 0, TimeSpan.Zero)); // down since Monday morning; Thursday 14:00 in Berlin
        await bed.DispatchAsync();

        var quiz = Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Equal(new DateOnly(2026, 11, 5), quiz.LocalDate);
        var message = Assert.Single(await bed.OutboxAsync(ada));
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 16, 30, 0, TimeSpan.Zero), message.ExpiresAt); // 17:30 Berlin: the end of the late window
    }

    [Fact]
    public async Task Back_only_in_the_evening_the_day_is_skipped_rather_than_quizzing_after_hours()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");

        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 19, 0, 0, TimeSpan.Zero)); // 20:00 in Berlin
        await bed.DispatchAsync();
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 8, 30, 0, TimeSpan.Zero));
        await bed.DispatchAsync();

        Assert.Equal([new DateOnly(2026, 11, 3)], (await bed.DailyQuizzesAsync(ada)).Select(d => d.LocalDate));
    }

    [Fact]
    public async Task Learners_in_different_time_zones_each_get_their_quiz_at_their_own_nine_thirty()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var berlin = await bed.LearnerAsync("Europe/Berlin", "Berlin");
        var newYork = await bed.LearnerAsync("America/New_York", "New York");
        var noZone = await bed.LearnerAsync(null, "UTC");
        bed.Clock.SetUtcNow(QuizTestBed.Monday);

        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10));

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero), Assert.Single(await bed.DailyQuizzesAsync(berlin)).CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero), Assert.Single(await bed.DailyQuizzesAsync(newYork)).CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero), Assert.Single(await bed.DailyQuizzesAsync(noZone)).CreatedAt);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z")] // spring forward, Sunday 29 March
    [InlineData("Europe/Berlin", "2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z")] // fall back, Sunday 25 October
    [InlineData("America/New_York", "2026-03-06T00:00:00Z", "2026-03-10T12:00:00Z")] // spring forward, Sunday 8 March
    [InlineData("America/New_York", "2026-10-30T00:00:00Z", "2026-11-03T12:00:00Z")] // fall back, Sunday 1 November
    public async Task Across_a_daylight_saving_change_the_quiz_stays_at_local_nine_thirty_once_a_day(string zoneId, string from, string until)
    {
        await using var bed = await QuizTestBed.CreateAsync(NeverPause);
        var ada = await bed.LearnerAsync(zoneId);
        await bed.ChangeSettingsAsync(ada, s => s.Days = 0b111_1111);
        bed.Clock.SetUtcNow(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture));

        await bed.RunDispatcherUntilAsync(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(15));

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var quizzes = await bed.DailyQuizzesAsync(ada);
        Assert.Equal(4, quizzes.Count);
        Assert.Equal(quizzes.Count, quizzes.Select(q => q.LocalDate).Distinct().Count());
        Assert.All(quizzes, q => Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(q.CreatedAt, zone).DateTime)));
    }

    [Fact]
    public async Task A_delivery_time_inside_the_spring_forward_gap_fires_once_just_after_the_gap()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        await bed.ChangeSettingsAsync(ada, s =>
        {
            s.Days = 0b111_1111;
            s.DeliveryTime = new TimeOnly(2, 30); // does not exist on 29 March 2026 in Berlin
        });
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero));

        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10));

        var quiz = Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Equal(new DateOnly(2026, 3, 29), quiz.LocalDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), quiz.CreatedAt); // 03:00 CEST
    }

    [Fact]
    public async Task A_delivery_time_in_the_repeated_fall_back_hour_fires_once_at_its_first_occurrence()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin");
        await bed.ChangeSettingsAsync(ada, s =>
        {
            s.Days = 0b111_1111;
            s.DeliveryTime = new TimeOnly(2, 30); // happens twice on 25 October 2026 in Berlin
        });
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero));

        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10));

        var quiz = Assert.Single(await bed.DailyQuizzesAsync(ada));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), quiz.CreatedAt); // 02:30 CEST, the first one
    }

    [Fact]
    public async Task Three_unanswered_quizzes_in_a_row_pause_quizzes_with_a_note_saying_how_to_resume()
    {
        await using var bed = await QuizTestBed.CreateAsync(EveryDay);
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(QuizTestBed.Monday);

        await bed.RunDispatcherUntilAsync(new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30)); // Mon–Fri

        Assert.Equal(3, (await bed.DailyQuizzesAsync(ada)).Count); // Mon, Tue, Wed; Thursday paused instead
        var settings = await bed.SettingsAsync(ada);
        Assert.True(settings!.Stopped);
        var note = Assert.Single(await bed.OutboxAsync(ada), m => m.Kind == QuizPauseNoteComposer.PauseNoteKind);
        Assert.Equal($"quiz-paused:{ada}:2026-11-05", note.IdempotencyKey);
        Assert.Contains("quiz settings", string.Concat(QuizCards.PausedForSilence(3).Body.OfType<Cards.TextElement>().Select(t => t.Text)), StringComparison.Ordinal);

        await bed.SayAsync(ada, "quiz resume");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 8, 30, 0, TimeSpan.Zero)); // Monday
        await bed.DispatchAsync();

        Assert.Equal(4, (await bed.DailyQuizzesAsync(ada)).Count);
    }

    [Fact]
    public async Task A_track_assigned_in_configuration_comes_first_for_its_people_only()
    {
        await using var bed = await QuizTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["LearningBot:Quizzes:Tracks:0:Name"] = "Security basics",
            ["LearningBot:Quizzes:Tracks:0:Lessons:0"] = "lesson-c",
            ["LearningBot:Quizzes:Tracks:0:People:0"] = "29:ada",
        });
        var ada = await bed.LearnerAsync("Europe/Berlin", "Ada");
        var grace = await bed.LearnerAsync("Europe/Berlin", "Grace");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));

        await bed.DispatchAsync();

        Assert.Equal("c-1", Assert.Single(await bed.DailyQuizzesAsync(ada)).QuestionIds);
        Assert.Equal("a-1", Assert.Single(await bed.DailyQuizzesAsync(grace)).QuestionIds);
    }

    [Fact]
    public async Task Lessons_for_a_role_come_first_for_people_with_that_role_in_the_directory_and_managers_by_reporting_line()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        await using (var scope = bed.Scope())
        {
            using var lessons = new LessonFolder()
                .Write("a.md", LessonFolder.Lesson("lesson-a", title: "Lesson A", quiz: LessonFolder.Quiz("a-1")))
                .Write("m.md", LessonFolder.Lesson("lesson-m", title: "Coaching", quiz: "audience: [manager]\n" + LessonFolder.Quiz("m-1")))
                .Write("s.md", LessonFolder.Lesson("lesson-s", title: "Discovery calls", quiz: "audience: [sales]\n" + LessonFolder.Quiz("s-1")));
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(lessons.Path, CancellationToken.None)).Rejected);
        }
        var ada = await bed.LearnerAsync("Europe/Berlin", "Ada");
        var grace = await bed.LearnerAsync("Europe/Berlin", "Grace");
        var linus = await bed.LearnerAsync("Europe/Berlin", "Linus");
        var alan = await bed.LearnerAsync("Europe/Berlin", "Alan");
        await bed.QueryAsync(async db =>
        {
            var people = await db.People.ToDictionaryAsync(p => p.Id);
            people[grace].Role = "Manager";      // the manager role
            people[ada].ManagerPersonId = linus; // Linus manages Ada
            people[alan].Role = "sales";
            return await db.SaveChangesAsync();
        });
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));

        await bed.DispatchAsync();

        Assert.Equal("m-1", Assert.Single(await bed.DailyQuizzesAsync(grace)).QuestionIds);
        Assert.Equal("m-1", Assert.Single(await bed.DailyQuizzesAsync(linus)).QuestionIds);
        Assert.Equal("s-1", Assert.Single(await bed.DailyQuizzesAsync(alan)).QuestionIds);
        Assert.Equal("a-1", Assert.Single(await bed.DailyQuizzesAsync(ada)).QuestionIds);
    }

    [Fact]
    public async Task A_library_without_questions_writes_no_empty_quiz()
    {
        await using var bed = await QuizTestBed.CreateAsync(withLessons: false);
        var ada = await bed.LearnerAsync("Europe/Berlin");
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero));

        var report = await bed.DispatchAsync();

        Assert.Equal(1, report.NothingToAsk);
        Assert.Empty(await bed.DailyQuizzesAsync(ada));
    }
}

/// <summary>Who gets the daily quiz: LearningBot:Quizzes:Enrollment.</summary>
public sealed class QuizEnrollmentTests
{
    private static readonly DateTimeOffset NineThirtyInBerlin = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task By_default_someone_with_a_personal_chat_who_never_chose_quizzes_gets_none()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin", enrolled: false);
        var grace = await bed.LearnerAsync("Europe/Berlin", "Grace");
        bed.Clock.SetUtcNow(NineThirtyInBerlin);

        var report = await bed.DispatchAsync();

        Assert.Equal(1, report.QuizzesWritten);
        Assert.Empty(await bed.DailyQuizzesAsync(ada));
        Assert.Null(await bed.SettingsAsync(ada));
        Assert.Single(await bed.DailyQuizzesAsync(grace));
    }

    [Fact]
    public async Task Enrollment_Everyone_restores_quizzes_for_everyone_with_a_personal_chat()
    {
        await using var bed = await QuizTestBed.CreateAsync(new Dictionary<string, string?> { ["LearningBot:Quizzes:Enrollment"] = "everyone" });
        var ada = await bed.LearnerAsync("Europe/Berlin", enrolled: false);
        bed.Clock.SetUtcNow(NineThirtyInBerlin);

        Assert.Equal(1, (await bed.DispatchAsync()).QuizzesWritten);
        Assert.Single(await bed.DailyQuizzesAsync(ada));
    }

    [Fact]
    public async Task Answering_a_quiz_asked_for_with_quiz_does_not_sign_anyone_up()
    {
        await using var bed = await QuizTestBed.CreateAsync();
        var ada = await bed.LearnerAsync("Europe/Berlin", enrolled: false);
        bed.Clock.SetUtcNow(QuizTestBed.Monday);
        var quiz = Assert.Single((await bed.SayAsync(ada, "quiz")).Messages).Card!;

        await bed.PressAsync(ada, quiz.Actions[0]);

        Assert.Null(await bed.SettingsAsync(ada));
        bed.Clock.SetUtcNow(NineThirtyInBerlin.AddDays(1));
        Assert.Equal(0, (await bed.DispatchAsync()).QuizzesWritten);
    }

    [Theory]
    [InlineData("OptIn", true)]
    [InlineData("assigned", true)]
    [InlineData(" Everyone ", true)]
    [InlineData("Some", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    public void The_enrollment_setting_is_checked_at_start(string value, bool valid)
    {
        var result = new QuizOptionsValidator().Validate(null, new QuizOptions { Enrollment = value });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("LearningBot:Quizzes:Enrollment must be OptIn", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
