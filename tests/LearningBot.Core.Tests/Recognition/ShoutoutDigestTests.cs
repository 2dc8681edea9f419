using LearningBot.Core.Debriefs;
using System.Text.Json;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Recognition;
using LearningBot.Core.Quizzes;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Recognition;

public sealed class ShoutoutDigestTests
{
    [Fact]
    public async Task A_simulated_week_gives_one_digest_on_friday_at_three_in_the_channels_zone_with_exactly_that_weeks_recognitions_and_milestones()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        var lin = await bed.PersonAsync("Lin");
        var kim = await bed.PersonAsync("Kim"); // does nothing all week, and is not mentioned for it
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 29, 10, 0, 0, TimeSpan.Zero)); // the Thursday before
        await bed.SetLearningChannelAsync(ada);
        await bed.SayAsync(ada, "kudos <at>Lin</at> for last week's retro", lin.Account);
        await bed.QueryAsync(async db =>
        {
            db.Add(new QuizSettingsRecord { PersonId = ada.Id, Streak = 12 });
            db.Add(new QuizSettingsRecord { PersonId = kim.Id, Streak = 2 });
            return await db.SaveChangesAsync();
        });

        var written = new List<(DateTimeOffset At, int Count)>();
        var monday = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        bed.Clock.SetUtcNow(monday);
        while (bed.Clock.GetUtcNow() < monday.AddDays(7))
        {
            var now = bed.Clock.GetUtcNow();
            if (now == monday)
            {
                await bed.SayAsync(ada, "kudos <at>Sam</at> for the clear demo #teamwork", sam.Account);
            }
            if (now == monday.AddDays(1))
            {
                await bed.SayAsync(lin, "share pairing on reviews halves the back-and-forth");
                await bed.SendPostsAsync();
            }
            if (now == monday.AddDays(2))
            {
                var share = (await bed.SendPostsAsync()).Single(p => p.Kind == Core.Recognition.RecognitionPostKind.LearningShare);
                await bed.ReactAsync(sam, share.MessageId!, "like");
            }
            if (now == monday.AddDays(3))
            {
                await bed.ReactAsync(lin, "1700000000.000300", "mortar_board", author: ada.Account);
                await bed.ReactAsync(sam, "1700000000.000400", "mortar_board", author: ada.Account);
                await bed.ReactAsync(sam, "1700000000.000400", "mortar_board", added: false, author: ada.Account); // taken back
            }
            await using (var scope = bed.Scope())
            {
                var count = await scope.ServiceProvider.GetRequiredService<ShoutoutDigestScheduler>().RunAsync(CancellationToken.None);
                if (count > 0)
                {
                    written.Add((now, count));
                }
            }
            bed.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([(new DateTimeOffset(2026, 11, 6, 14, 0, 0, TimeSpan.Zero), 1)], written); // 15:00 in Berlin (CET)
        var digest = Assert.Single(await bed.OutboxAsync(), m => m.Kind == ShoutoutDigestComposer.DigestKind);
        Assert.Equal(RecognitionTestBed.LearningChannel, digest.ConversationId);
        var card = await ComposeAsync(bed, digest);
        var text = string.Join("\n", card.Body.OfType<TextElement>().Select(t => t.Text));
        var lines = text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "- 🎓 **Ada** recognised **Sam**: “the clear demo” #teamwork",
            "- 💡 **Sam** found **Lin**'s learning share useful",
            "- 🎓 **Lin** recognised **Ada**'s message",
            "- 💡 **Lin**: pairing on reviews halves the back-and-forth",
            "- 🔥 **Ada** — 12 daily quizzes in a row",
            "- 🏅 **Sam** earned first-given",
            "- 🏅 **Lin** earned first-given",
        ], lines);
        Assert.DoesNotContain("Kim", text, StringComparison.Ordinal);
        Assert.DoesNotContain("retro", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_without_recognition_gets_a_warm_invitation_not_a_list_of_who_was_absent()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        await bed.SetLearningChannelAsync(ada);
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 6, 14, 0, 0, TimeSpan.Zero));

        await using (var scope = bed.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ShoutoutDigestScheduler>().RunAsync(CancellationToken.None));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ShoutoutDigestScheduler>().RunAsync(CancellationToken.None));
        }
        var card = await ComposeAsync(bed, Assert.Single(await bed.OutboxAsync(), m => m.Kind == ShoutoutDigestComposer.DigestKind));

        var text = Assert.Single(card.Body.OfType<TextElement>()).Text;
        Assert.StartsWith("A quiet week for shoutouts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thirty_day_quiz_streak_earns_its_badge_when_the_digest_job_runs_and_it_is_announced_once()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        await bed.QueryAsync(async db =>
        {
            db.Add(new QuizSettingsRecord { PersonId = ada.Id, Streak = 30 });
            return await db.SaveChangesAsync();
        });

        for (var run = 0; run < 2; run++)
        {
            await using var scope = bed.Scope();
            await scope.ServiceProvider.GetRequiredService<ShoutoutDigestScheduler>().RunAsync(CancellationToken.None);
        }

        Assert.Single(await bed.DirectMessagesAsync(ada), m => m.Contains("**30-day streak** badge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_digest_missed_by_downtime_is_skipped_rather_than_posted_stale()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        await bed.SetLearningChannelAsync(ada);
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 7, 9, 0, 0, TimeSpan.Zero)); // Saturday morning

        await using var scope = bed.Scope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ShoutoutDigestScheduler>().RunAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("2026-11-06T15:00:00", "Weekly", "2026-11-06T15:00:00")]
    [InlineData("2026-11-06T14:59:00", "Weekly", "2026-10-30T15:00:00")]
    [InlineData("2026-11-09T08:00:00", "Weekly", "2026-11-06T15:00:00")]
    [InlineData("2026-11-09T16:00:00", "Daily", "2026-11-09T15:00:00")]
    [InlineData("2026-11-09T08:00:00", "Daily", "2026-11-08T15:00:00")]
    public void The_last_scheduled_digest_moment_is_found_in_local_time(string local, string cadence, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ShoutoutDigestScheduler.LastScheduled(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), new RecognitionOptions { DigestCadence = Enum.Parse<DigestCadence>(cadence) }));

    [Fact]
    public async Task The_digest_celebrates_lessons_mastered_and_debrief_lessons_published_that_week_only()
    {
        await using var bed = await RecognitionTestBed.CreateAsync();
        var ada = await bed.PersonAsync("Ada");
        var sam = await bed.PersonAsync("Sam");
        var from = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        await bed.QueryAsync(async db =>
        {
            // Ada: both questions of one lesson now hold for weeks, the last reviewed this week → mastered.
            db.Add(new QuizCardRecord { PersonId = ada.Id, QuestionId = "okr-q1", LessonId = "coaching-okr-goals", State = 2, Stability = 40, Reps = 3, LastReview = from.AddDays(-20) });
            db.Add(new QuizCardRecord { PersonId = ada.Id, QuestionId = "okr-q2", LessonId = "coaching-okr-goals", State = 2, Stability = 25, Reps = 3, LastReview = from.AddDays(2) });
            // Ada: reviewed this week but still fragile → not mastered. Sam: strong, but reviewed a month ago → not this week's news.
            db.Add(new QuizCardRecord { PersonId = ada.Id, QuestionId = "sbi-q1", LessonId = "feedback-sbi", State = 2, Stability = 4, Reps = 1, LastReview = from.AddDays(1) });
            db.Add(new QuizCardRecord { PersonId = sam.Id, QuestionId = "sbi-q2", LessonId = "feedback-sbi", State = 2, Stability = 60, Reps = 4, LastReview = from.AddDays(-30) });
            var debrief = new DebriefRecord { Id = Guid.NewGuid(), StartEventId = "e1", Project = "Apollo", Template = "standard", ManagerPersonId = ada.Id, Channel = ChannelKind.Teams, CreatedAt = from.AddDays(-10), Deadline = from };
            db.Add(debrief);
            db.Add(new DebriefLessonRecord { DebriefId = debrief.Id, AuthorPersonId = sam.Id, Text = "Agree the definition of done before the first sprint", Status = DebriefLessonStatus.Published, DecidedAt = from.AddDays(3) });
            db.Add(new DebriefLessonRecord { DebriefId = debrief.Id, AuthorPersonId = sam.Id, Ordinal = 1, Text = "An old lesson", Status = DebriefLessonStatus.Published, DecidedAt = from.AddDays(-3) });
            return await db.SaveChangesAsync();
        });

        await using var scope = bed.Scope();
        var composer = scope.ServiceProvider.GetServices<IOutboxComposer>().OfType<ShoutoutDigestComposer>().Single();
        var card = await composer.ComposeAsync(ChannelKind.Teams, new DigestPeriod(from, from.AddDays(7), [""], []), CancellationToken.None);

        var lines = card.Body.OfType<TextElement>().SelectMany(t => t.Text.Split('\n')).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "- 🧠 **Ada** — coaching-okr-goals",
            "- 📘 **Sam**: Agree the definition of done before the first sprint",
        ], lines);
    }

    private static async Task<Card> ComposeAsync(RecognitionTestBed bed, OutboxMessageRecord digest)
    {
        Assert.NotNull(JsonSerializer.Deserialize<DigestPeriod>(digest.Payload));
        await using var scope = bed.Scope();
        var composer = scope.ServiceProvider.GetServices<IOutboxComposer>().Single(c => c.Kind == ShoutoutDigestComposer.DigestKind);
        var message = await composer.ComposeAsync(digest, CancellationToken.None);
        return Assert.IsType<Card>(message!.Card);
    }
}
