using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>
/// Daily quizzes only for people who chose them (or whose role has an assigned track), one quiz a day, "quiz me on this"
/// first, and small talk — through signed Slack events, commands and interactions, the dispatcher and the outbox.
/// </summary>
public sealed class QuizConsentTests : IAsyncLifetime
{
    private const string Sam = "U456SAM";
    private const string SamDm = "D-" + Sam; // what the fake's conversations.open answers
    private readonly SmallLibrary _library = new();
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        _library.Dispose();
    }

    private Task<SlackBotHost> StartAsync(string? enrollment = null, bool lessons = false) =>
        SlackBotHost.StartAsync(_slack, _library.Settings(enrollment), lessons: lessons);

    private static async Task SendAsync(SlackBotHost bot, JsonObject envelope)
    {
        using var response = await bot.PostEventAsync(envelope);
        await bot.ProcessedAsync();
    }

    private static async Task CommandAsync(SlackBotHost bot, FakeSlackApi slack, string command, string text)
    {
        using var response = await bot.PostCommandAsync(SlackPayloads.Command(command, text, slack.ResponseUrl()));
        await bot.ProcessedAsync();
    }

    private static JsonObject MessagesTabOpened(string eventId) => SlackPayloads.EventCallback(new JsonObject
    {
        ["type"] = "app_home_opened",
        ["user"] = SlackPayloads.UserId,
        ["channel"] = SlackPayloads.DmChannel,
        ["tab"] = "messages",
    }, eventId: eventId);

    private static async Task<QuizDispatchReport> DispatchAndDeliverAsync(SlackBotHost bot)
    {
        QuizDispatchReport report;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
        }
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        await bot.ProcessedAsync();
        return report;
    }

    /// <summary>What was posted into a channel (chat.postMessage), each message as its strings one per line.</summary>
    private List<string> PostsIn(string channel) =>
        [.. _slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == channel).Select(c => Strings(c.Body))];

    /// <summary>Everything the bot said anywhere (posts, ephemeral notes, response_url answers), as strings.</summary>
    private string Said() => string.Concat(_slack.Calls.Where(c => c.Json is not null).Select(c => Strings(c.Body)));

    private static string Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()! + "\n",
        JsonValueKind.Object => string.Concat(element.EnumerateObject().Select(p => Strings(p.Value))),
        JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Strings)),
        _ => "",
    };

    private static int Quizzes(IEnumerable<string> posts) => posts.Count(p => p.Contains("\nYour quiz\n", StringComparison.Ordinal));

    /// <summary>Presses the button titled <paramref name="title"/> on the latest post in <paramref name="channel"/> that has it, as <paramref name="user"/>.</summary>
    private async Task PressAsync(SlackBotHost bot, string channel, string title, string user = SlackPayloads.UserId)
    {
        var button = _slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == channel).Reverse()
            .SelectMany(c => c.Body.TryGetProperty("blocks", out var blocks) ? blocks.EnumerateArray() : default)
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .First(e => e.GetProperty("text").GetProperty("text").GetString() == title);
        var press = SlackPayloads.BlockAction(button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString()!, _slack.ResponseUrl("r-press"), triggerId: "trigger-" + Guid.NewGuid().ToString("N"));
        press["user"]!["id"] = user;
        press["container"]!["channel_id"] = channel;
        press["channel"]!["id"] = channel;
        press["actions"]![0]!["action_ts"] = Guid.NewGuid().ToString("N");
        using var response = await bot.PostInteractionAsync(press);
        await bot.ProcessedAsync();
    }

    [Fact]
    public async Task Someone_only_given_kudos_gets_no_daily_quiz_and_someone_who_pressed_Start_daily_quizzes_does()
    {
        await using var bot = await StartAsync();
        await SendAsync(bot, MessagesTabOpened("Ev-tab"));
        var welcome = Assert.Single(PostsIn(SlackPayloads.DmChannel));
        Assert.Contains("Start daily quizzes", welcome, StringComparison.Ordinal);
        Assert.Contains("Not now", welcome, StringComparison.Ordinal);
        await CommandAsync(bot, _slack, "/kudos", $"<@{Sam}|sam> for the clear demo");
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Contains(PostsIn(SamDm), p => p.Contains("the clear demo", StringComparison.Ordinal));

        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 35, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 35, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        Assert.Equal(0, Quizzes(PostsIn(SamDm)));

        await PressAsync(bot, SlackPayloads.DmChannel, "Start daily quizzes");
        Assert.Contains("Daily quizzes are on: Mon-Fri at 09:30", Said(), StringComparison.Ordinal);
        Assert.Equal(1, Quizzes(PostsIn(SlackPayloads.DmChannel)));
        await PressAsync(bot, SlackPayloads.DmChannel, "Start daily quizzes");
        Assert.Contains("Your daily quizzes are already on", Said(), StringComparison.Ordinal);
        Assert.Equal(1, Quizzes(PostsIn(SlackPayloads.DmChannel)));

        // Wednesday 09:30 in Ada's zone (UTC: the fake's users.info reports none): her daily quiz; nothing for Sam.
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        Assert.Equal(2, Quizzes(PostsIn(SlackPayloads.DmChannel)));
        Assert.Equal(0, Quizzes(PostsIn(SamDm)));
    }

    [Fact]
    public async Task Not_now_is_kept_and_no_quiz_follows()
    {
        await using var bot = await StartAsync("Assigned");
        await SendAsync(bot, MessagesTabOpened("Ev-tab"));

        await PressAsync(bot, SlackPayloads.DmChannel, "Not now");

        Assert.Contains("No daily quizzes, then.", Said(), StringComparison.Ordinal);
        Assert.True((await bot.WithDbAsync(db => db.Set<QuizSettingsRecord>().SingleAsync())).Stopped);
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero));
        var report = await DispatchAndDeliverAsync(bot);
        Assert.Equal((0, 0), (report.QuizzesWritten, report.Introduced));
    }

    [Fact]
    public async Task With_Enrollment_Assigned_a_manager_is_introduced_then_quizzed_from_the_next_working_day_and_stops_with_one_click()
    {
        await using var bot = await StartAsync("Assigned");
        await CommandAsync(bot, _slack, "/kudos", $"<@{Sam}|sam> for the clear demo");
        await bot.WithDbAsync(async db =>
        {
            var sam = await db.ChannelAccounts.Where(a => a.ExternalId == Sam).Select(a => a.PersonId).SingleAsync();
            (await db.People.SingleAsync(p => p.Id == sam)).Role = "Manager";
            return await db.SaveChangesAsync();
        });

        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero)); // Tuesday
        var first = await DispatchAndDeliverAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await DispatchAndDeliverAsync(bot);

        Assert.Equal((1, 0), (first.Introduced, first.QuizzesWritten));
        Assert.Equal((0, 0), (again.Introduced, again.QuizzesWritten));
        var intro = Assert.Single(PostsIn(SamDm), p => p.Contains("Hi, I'm LearningBot", StringComparison.Ordinal));
        Assert.Contains("assigned you the lessons for your role (*manager*)", intro, StringComparison.Ordinal);
        Assert.Contains("Wednesday 4 March", intro, StringComparison.Ordinal);
        Assert.Equal(0, Quizzes(PostsIn(SamDm)));

        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        Assert.Contains("Running 1:1s people look forward to", Assert.Single(PostsIn(SamDm), p => p.Contains("\nYour quiz\n", StringComparison.Ordinal)), StringComparison.Ordinal);

        await PressAsync(bot, SamDm, "Stop daily quizzes", user: Sam);
        Assert.Contains("Daily quizzes stopped.", Said(), StringComparison.Ordinal);
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
    }

    [Fact]
    public async Task Slash_quiz_is_the_days_quiz_and_the_scheduler_does_not_send_another()
    {
        await using var bot = await StartAsync();
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("quiz start"), eventId: "Ev-start"));

        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));
        await CommandAsync(bot, _slack, "/quiz", "");
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero));
        var sameDay = await DispatchAndDeliverAsync(bot);
        bot.Clock.Advance(TimeSpan.FromSeconds(31));
        var later = await DispatchAndDeliverAsync(bot);
        bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));
        var nextDay = await DispatchAndDeliverAsync(bot);

        Assert.Equal((0, 1), (sameDay.QuizzesWritten, sameDay.AlreadyDelivered));
        Assert.Equal(0, later.QuizzesWritten);
        Assert.Equal(1, nextDay.QuizzesWritten);
        Assert.Equal(2, await bot.WithDbAsync(db => db.Set<QuizDeliveryRecord>().CountAsync(d => d.Kind == QuizDeliveryKind.OnDemand)));
        Assert.Equal(1, await bot.WithDbAsync(db => db.Set<QuizDeliveryRecord>().CountAsync(d => d.Kind == QuizDeliveryKind.Daily)));
    }

    [Fact]
    public async Task Quiz_me_on_this_from_an_answer_puts_that_lessons_questions_first_in_the_next_quiz()
    {
        await using var bot = await StartAsync(lessons: true);
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("how do I run a 1:1 my team member looks forward to"), eventId: "Ev-ask"));
        Assert.Contains("Running 1:1s people look forward to", Assert.Single(PostsIn(SlackPayloads.DmChannel)), StringComparison.Ordinal);

        await PressAsync(bot, SlackPayloads.DmChannel, "Quiz me on this");
        Assert.Contains("they come first in your next quiz", Said(), StringComparison.Ordinal);
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("quiz"), eventId: "Ev-quiz"));

        var quiz = PostsIn(SlackPayloads.DmChannel)[^1];
        Assert.Contains("Question 1 of 3", quiz, StringComparison.Ordinal);
        Assert.Contains("A team member arrives at the 1:1 with no topics", quiz, StringComparison.Ordinal);
        var delivery = await bot.WithDbAsync(db => db.Set<QuizDeliveryRecord>().SingleAsync());
        Assert.All(QuizAnswers.Ids(delivery.QuestionIds), id => Assert.StartsWith(SmallLibrary.ForManagers, id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Greetings_and_thanks_get_a_short_kind_answer_no_content_gap_and_no_experts_while_a_greeted_question_is_answered()
    {
        await using var bot = await StartAsync(lessons: true);
        await CommandAsync(bot, _slack, "/experts", "here");
        var before = _slack.CallsTo("chat.postMessage").Count;

        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello!"), eventId: "Ev-hello"));
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("thanks!"), eventId: "Ev-thanks"));
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("Guten Morgen"), eventId: "Ev-morgen"));
        await SendAsync(bot, SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hi, how do I give feedback to a peer without it getting awkward?"), eventId: "Ev-question"));

        var replies = _slack.CallsTo("chat.postMessage").Skip(before).Select(c => c.Arg("text")!).ToList();
        Assert.Equal(4, replies.Count);
        Assert.StartsWith("Hi Ada! 👋", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("You're welcome!", replies[1], StringComparison.Ordinal);
        Assert.StartsWith("Hi Ada! 👋", replies[2], StringComparison.Ordinal);
        Assert.StartsWith("Giving feedback to a peer without the awkwardness", replies[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Ask the experts", string.Concat(replies), StringComparison.Ordinal);
        Assert.Equal(0, await bot.WithDbAsync(db => db.Set<ContentGapRecord>().CountAsync()));
    }
}
