using LearningBot.Core.Analytics;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Modules;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Analytics;

/// <summary>The group-size rule, periods, and predicted recall per topic from the FSRS state the quizzes keep.</summary>
public sealed class AnalyticsTests
{
    private static IEnumerable<(Guid, string?)> Team(string? team, int count) => Enumerable.Range(0, count).Select(_ => (Guid.NewGuid(), team));

    [Fact]
    public void Small_teams_fold_into_other_and_other_grows_until_it_is_big_enough()
    {
        var groups = GroupRule.Fold([.. Team("Sales", 7), .. Team("Support", 5), .. Team("Legal", 2), .. Team(null, 1)], 5);

        // Legal (2) and no team (1) make 3: too few, so the smallest shown team (Support) joins them.
        Assert.Equal(["Sales", "other"], groups.Select(g => g.Name));
        Assert.Equal([7, 8], groups.Select(g => g.People.Count));
    }

    [Fact]
    public void Teams_that_pass_stay_and_nothing_is_shown_for_fewer_than_the_minimum_in_all()
    {
        Assert.Equal(["A", "B"], GroupRule.Fold([.. Team("A", 5), .. Team("b", 0), .. Team("B", 6)], 5).Select(g => g.Name));
        Assert.Empty(GroupRule.Fold(Team("A", 4), 5));
        Assert.Equal(["other"], GroupRule.Fold([.. Team("A", 3), .. Team("B", 3)], 5).Select(g => g.Name));
    }

    [Fact]
    public void A_period_defaults_to_the_last_30_days_and_bad_dates_say_what_to_send()
    {
        var today = new DateOnly(2026, 12, 3);

        Assert.Equal(new AnalyticsPeriod(new DateOnly(2026, 11, 4), today), AnalyticsPeriod.TryParse(null, null, today, 400, out _));
        Assert.Null(AnalyticsPeriod.TryParse("2026-02-30", null, today, 400, out var problem));
        Assert.Contains("YYYY-MM-DD", problem, StringComparison.Ordinal);
        var day = AnalyticsPeriod.TryParse("2026-12-01", "2026-12-01", today, 400, out _)!;
        Assert.True(day.Contains(new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(day.Contains(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Predicted_recall_per_topic_is_the_fsrs_retrievability_now_and_low_recall_is_at_risk()
    {
        await using var bed = await TestDatabase.CreateAsync([.. LearningBotFeatures.Essentials, new QuizFeature(), new AnalyticsFeature()]);
        var people = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await bed.PersonAsync($"Learner {i}", timeZone: "UTC"));
        }
        var now = bed.Clock.GetUtcNow();
        await using (var scope = bed.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            db.Lessons.AddRange(Lesson("feedback-peer", "feedback"), Lesson("phishing", "security"));
            foreach (var (person, i) in people.Select((p, i) => (p, i)))
            {
                // Feedback: reviewed 2 days ago with stability 10 (recall high); security: 30 days ago, stability 2 (low).
                db.Set<QuizCardRecord>().Add(Card(person, "feedback-peer", now.AddDays(-2), 10));
                if (i < 5)
                {
                    db.Set<QuizCardRecord>().Add(Card(person, "phishing", now.AddDays(-30), 2));
                }
            }
            await db.SaveChangesAsync();
        }
        var fsrs = bed.Services.GetRequiredService<FsrsScheduler>();

        var rows = await bed.With<AnalyticsService, IReadOnlyList<RetentionRow>>(a => a.RetentionAsync(CancellationToken.None));
        var mine = await bed.With<AnalyticsService, MyLearning>(a => a.MyLearningAsync(people[5], CancellationToken.None));

        var high = Math.Round(fsrs.Retrievability(2, 10), 4);
        var low = Math.Round(fsrs.Retrievability(30, 2), 4);
        Assert.Equal(
            [new RetentionRow("feedback", "all", 6, high, false), new RetentionRow("feedback", "other", 6, high, false),
             new RetentionRow("security", "all", 5, low, true), new RetentionRow("security", "other", 5, low, true)],
            rows);
        Assert.Equal(1, mine.LessonsLearned);
        Assert.Equal([new TopicRecall("feedback", Math.Round(fsrs.Retrievability(2, 10), 2), false)], mine.Topics);
    }

    private static LessonRecord Lesson(string id, string tags) => new()
    {
        Id = id, Title = id, Summary = id, Tags = tags, BodyMarkdown = id, Library = "test", SourceFile = $"{id}.md", ContentHash = id,
    };

    private static QuizCardRecord Card(Guid person, string lesson, DateTimeOffset reviewed, double stability) => new()
    {
        PersonId = person, QuestionId = $"{lesson}-q1", LessonId = lesson, State = (int)FsrsState.Review, Stability = stability, Difficulty = 5,
        Due = reviewed.AddDays(stability), ScheduledDays = (int)stability, Reps = 1, LastReview = reviewed,
    };
}
