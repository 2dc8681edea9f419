using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>
/// Daily quizzes only for people who chose them (or whose role has an assigned track), one quiz a day, "quiz me on this"
/// first, and small talk — through /api/messages, the dispatcher and the outbox to the fake Connector.
/// </summary>
public sealed class QuizConsentTests : IDisposable
{
    private const string GroupChat = "19:group-chat@thread.v2";
    private const string AdaChat = "a:personal-1";
    private readonly SmallLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static JsonObject Mention(string id, string name) =>
        new() { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } };

    private static JsonObject From(JsonObject activity, string userId, string name, string conversationId)
    {
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = "aad-" + userId };
        activity["conversation"]!["id"] = conversationId;
        return activity;
    }

    private static JsonObject Install(ProductionBot bot, string id = "f:install") =>
        TestActivities.Base("installationUpdate", bot.Connector.ServiceUrl, id: id).With("action", "add");

    private static JsonObject Press(ProductionBot bot, string verb, string id, JsonObject? data = null) =>
        TestActivities.CardActionInvoke(bot.Connector.ServiceUrl, verb, data, id: id);

    private static async Task<T> QueryAsync<T>(ProductionBot bot, Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = bot.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    private static async Task<QuizDispatchReport> DispatchAndDeliverAsync(ProductionBot bot)
    {
        QuizDispatchReport report;
        await using (var scope = bot.Host.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
        }
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        return report;
    }

    /// <summary>The cards posted into a conversation, each as its strings (texts, titles, data) one per line.</summary>
    private static List<string> CardsIn(ProductionBot bot, string conversationId) =>
        [.. bot.Connector.Requests.Where(r => r.Method == "POST" && r.Path == $"/v3/conversations/{conversationId}/activities" && r.Card is not null).Select(r => Strings(r.Card!.Value))];

    private static string Strings(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => element.GetString()! + "\n",
        System.Text.Json.JsonValueKind.Object => string.Concat(element.EnumerateObject().Select(p => Strings(p.Value))),
        System.Text.Json.JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Strings)),
        _ => "",
    };

    private static List<string> TextsIn(ProductionBot bot, string conversationId) =>
        [.. bot.Connector.Requests.Where(r => r.Path == $"/v3/conversations/{conversationId}/activities" && r.Text is not null).Select(r => r.Text!)];

    private static int Quizzes(IEnumerable<string> cards) => cards.Count(c => c.Contains("\nYour quiz\n", StringComparison.Ordinal));

    private static Task<Guid> PersonAsync(ProductionBot bot, string externalId) =>
        QueryAsync(bot, db => db.ChannelAccounts.Where(a => a.ExternalId == externalId).Select(a => a.PersonId).SingleAsync());

    private static Task<string> PersonalChatAsync(ProductionBot bot, Guid person) =>
        QueryAsync(bot, db => db.ConversationReferences.Where(c => c.PersonId == person && c.ConversationType == nameof(ConversationType.Personal)).Select(c => c.ConversationId).SingleAsync());

    /// <summary>Ada gives Grace kudos in a group chat; the note to Grace opens a 1:1 chat with her.</summary>
    private static async Task<(Guid Grace, string Chat)> GraceIsOnlyMentionedAsync(ProductionBot bot)
    {
        var kudos = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> kudos <at>Grace Hopper</at> for the clear demo",
                id: "1700000000500", conversationType: "groupChat", conversationId: GroupChat)
            .With("entities", new JsonArray(Mention(TeamsBotHost.BotId, "LearningBot"), Mention("29:grace", "Grace Hopper")));
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(kudos)).StatusCode);
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var grace = await PersonAsync(bot, "29:grace");
        return (grace, await PersonalChatAsync(bot, grace));
    }

    [Fact]
    public async Task Someone_only_mentioned_gets_no_daily_quiz_and_someone_who_pressed_Start_daily_quizzes_does()
    {
        await using var bot = await ProductionBot.StartAsync(settings: _library.Settings());

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Install(bot))).StatusCode);
        var welcome = Assert.Single(CardsIn(bot, AdaChat));
        Assert.Contains("Start daily quizzes", welcome, StringComparison.Ordinal);
        Assert.Contains("Not now", welcome, StringComparison.Ordinal);
        var (_, graceChat) = await GraceIsOnlyMentionedAsync(bot);

        // Monday 2 March, 10:00 in Berlin: nobody chose quizzes, so neither Ada nor Grace gets one, today or tomorrow.
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 35, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 35, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        Assert.Equal(0, Quizzes(CardsIn(bot, graceChat)));
        Assert.Equal(0, Quizzes(CardsIn(bot, AdaChat)));

        // Ada presses Start daily quizzes: they are on, with a first question now that counts as today's quiz.
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Press(bot, QuizVerbs.Start, "f:start-1"))).StatusCode);
        Assert.Contains(TextsIn(bot, AdaChat), t => t.StartsWith("Daily quizzes are on: Mon-Fri at 09:30 (Europe/Berlin)", StringComparison.Ordinal));
        Assert.Equal(1, Quizzes(CardsIn(bot, AdaChat)));
        // Pressed again (a stale card, a second click): nothing new.
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Press(bot, QuizVerbs.Start, "f:start-2"))).StatusCode);
        Assert.Contains(TextsIn(bot, AdaChat), t => t.StartsWith("Your daily quizzes are already on", StringComparison.Ordinal));
        Assert.Equal(1, Quizzes(CardsIn(bot, AdaChat)));
        Assert.Equal(1, await QueryAsync(bot, db => db.Set<QuizSettingsRecord>().CountAsync()));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);

        // Wednesday 09:30 in Berlin: Ada's daily quiz; still nothing for Grace.
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 8, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        Assert.Equal(2, Quizzes(CardsIn(bot, AdaChat)));
        Assert.Equal(0, Quizzes(CardsIn(bot, graceChat)));
    }

    [Fact]
    public async Task Not_now_on_the_welcome_card_is_kept_and_no_quiz_follows()
    {
        await using var bot = await ProductionBot.StartAsync(settings: _library.Settings("Assigned"));
        await bot.PostAsync(Install(bot));

        await bot.PostAsync(Press(bot, QuizVerbs.NotNow, "f:not-now-1"));
        await bot.PostAsync(Press(bot, QuizVerbs.NotNow, "f:not-now-2"));

        Assert.Equal(2, TextsIn(bot, AdaChat).Count(t => t.StartsWith("No daily quizzes, then.", StringComparison.Ordinal)));
        var settings = await QueryAsync(bot, db => db.Set<QuizSettingsRecord>().SingleAsync());
        Assert.True(settings.Stopped);
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 30, 0, TimeSpan.Zero));
        Assert.Equal((0, 0), await DispatchAndDeliverAsync(bot) is var r ? (r.QuizzesWritten, r.Introduced) : default);
        Assert.Equal(0, Quizzes(CardsIn(bot, AdaChat)));
    }

    [Fact]
    public async Task With_Enrollment_Assigned_a_role_with_a_track_gets_an_introduction_first_then_quizzes_from_the_next_working_day_and_one_click_stops_them()
    {
        await using var bot = await ProductionBot.StartAsync(settings: _library.Settings("Assigned"));
        var (grace, graceChat) = await GraceIsOnlyMentionedAsync(bot);
        await QueryAsync(bot, async db =>
        {
            (await db.People.SingleAsync(p => p.Id == grace)).Role = "manager";
            return await db.SaveChangesAsync();
        });

        // Tuesday 3 March, 09:30 UTC (Grace's channel reports no zone): the introduction, no quiz.
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero));
        var first = await DispatchAndDeliverAsync(bot);
        bot.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await DispatchAndDeliverAsync(bot);

        Assert.Equal((1, 0), (first.Introduced, first.QuizzesWritten));
        Assert.Equal((0, 0), (again.Introduced, again.QuizzesWritten));
        var intro = Assert.Single(CardsIn(bot, graceChat), c => c.Contains("Hi, I'm LearningBot", StringComparison.Ordinal));
        Assert.Contains("Your organisation assigned you the lessons for your role (**manager**)", intro, StringComparison.Ordinal);
        Assert.Contains("Wednesday 4 March", intro, StringComparison.Ordinal);
        Assert.Contains("Stop daily quizzes", intro, StringComparison.Ordinal);
        Assert.Equal(0, Quizzes(CardsIn(bot, graceChat)));

        // Wednesday: the first quiz, from the managers' lesson first.
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        var quiz = Assert.Single(CardsIn(bot, graceChat), c => c.Contains("\nYour quiz\n", StringComparison.Ordinal));
        Assert.Contains("Running 1:1s people look forward to", quiz, StringComparison.Ordinal);

        // One click on the introduction's Stop daily quizzes: nothing on Thursday.
        var stop = From(Press(bot, QuizVerbs.Stop, "f:grace-stop"), "29:grace", "Grace Hopper", graceChat);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(stop)).StatusCode);
        Assert.Contains(TextsIn(bot, graceChat), t => t.StartsWith("Daily quizzes stopped.", StringComparison.Ordinal));
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal(0, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        // Ada, with no role and no choice, never got anything.
        Assert.Empty(await QueryAsync(bot, db => db.Set<OutboxMessageRecord>().Where(m => m.Kind == QuizDispatcher.QuizOutboxKind || m.Kind == QuizIntroduction.Kind).Where(m => m.PersonId != grace).ToListAsync()));
    }

    [Fact]
    public async Task A_quiz_asked_for_with_quiz_is_the_days_quiz_and_the_scheduler_does_not_send_another()
    {
        await using var bot = await ProductionBot.StartAsync(settings: _library.Settings());
        await bot.PostAsync(bot.Message("quiz start", id: "1700000000700"));
        var ada = await PersonAsync(bot, TestActivities.UserId);
        var started = Quizzes(CardsIn(bot, AdaChat));

        // Tuesday 08:00 in Berlin: quiz; at 09:30 the scheduler sends nothing; the next day it does.
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero));
        await bot.PostAsync(bot.Message("quiz", id: "1700000000701"));
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 30, 0, TimeSpan.Zero));
        var sameDay = await DispatchAndDeliverAsync(bot);
        bot.Host.Clock.Advance(TimeSpan.FromSeconds(31));
        var later = await DispatchAndDeliverAsync(bot);
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 8, 30, 0, TimeSpan.Zero));
        var nextDay = await DispatchAndDeliverAsync(bot);

        Assert.Equal(1, started);
        Assert.Equal((0, 1), (sameDay.QuizzesWritten, sameDay.AlreadyDelivered));
        Assert.Equal(0, later.QuizzesWritten);
        Assert.Equal(1, nextDay.QuizzesWritten);
        Assert.Equal(3, Quizzes(CardsIn(bot, AdaChat))); // Start's first question, the quiz on Tuesday, Wednesday's daily quiz
        // Asking for more is still fine.
        await bot.PostAsync(bot.Message("quiz", id: "1700000000702"));
        Assert.Equal(4, Quizzes(CardsIn(bot, AdaChat)));
        Assert.Equal(1, await QueryAsync(bot, db => db.Set<QuizDeliveryRecord>().CountAsync(d => d.PersonId == ada && d.Kind == QuizDeliveryKind.Daily)));
    }

    [Fact]
    public async Task Quiz_me_on_this_puts_that_lessons_questions_first_in_the_next_quiz_on_demand_and_scheduled()
    {
        await using var bot = await ProductionBot.StartAsync(settings: _library.Settings());
        await bot.PostAsync(Press(bot, QuizVerbs.Start, "f:start"));

        // A lesson outside Ada's track (for managers): the on-demand quiz asks its three questions, first.
        await bot.PostAsync(Press(bot, QuizVerbs.QueueLesson, "f:queue-1", new JsonObject { ["lessonId"] = SmallLibrary.ForManagers }));
        Assert.Contains(TextsIn(bot, AdaChat), t => t.Contains("they come first in your next quiz", StringComparison.Ordinal));
        await bot.PostAsync(bot.Message("quiz", id: "1700000000800"));
        var onDemand = CardsIn(bot, AdaChat)[^1];
        Assert.Contains("Running 1:1s people look forward to", onDemand, StringComparison.Ordinal);
        Assert.Contains("Question 1 of 3", onDemand, StringComparison.Ordinal);
        Assert.Contains("A team member arrives at the 1:1 with no topics", onDemand, StringComparison.Ordinal);

        // Ada answers everything so far; a week later she queues the lesson she already answered a question of, and
        // its three questions — the answered one too — make up the next daily quiz, before the ones due by now.
        var answers = 0;
        foreach (var delivery in await QueryAsync(bot, db => db.Set<QuizDeliveryRecord>().OrderBy(d => d.Id).ToListAsync()))
        {
            foreach (var question in QuizAnswers.Ids(delivery.QuestionIds))
            {
                await bot.PostAsync(Press(bot, QuizVerbs.Answer, $"f:answer-{answers++}", new JsonObject
                {
                    ["questionId"] = question, ["choice"] = "0", ["deliveryId"] = delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }));
            }
        }
        Assert.Equal(4, await QueryAsync(bot, db => db.Set<QuizReviewRecord>().CountAsync()));
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
        await bot.PostAsync(Press(bot, QuizVerbs.QueueLesson, "f:queue-2", new JsonObject { ["lessonId"] = SmallLibrary.ForEveryone }));
        bot.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await DispatchAndDeliverAsync(bot)).QuizzesWritten);
        var daily = await QueryAsync(bot, db => db.Set<QuizDeliveryRecord>().Where(d => d.Kind == QuizDeliveryKind.Daily).SingleAsync());
        var ids = QuizAnswers.Ids(daily.QuestionIds);
        Assert.Equal(3, ids.Count);
        Assert.All(ids, id => Assert.StartsWith(SmallLibrary.ForEveryone, id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hi", "Hi Ada! 👋")]
    [InlineData("good morning", "Hi Ada! 👋")]
    [InlineData("thanks!", "You're welcome!")]
    [InlineData("Thank you so much", "You're welcome!")]
    public async Task Greetings_and_thanks_get_a_short_kind_answer_no_content_gap_and_no_experts(string text, string answer)
    {
        await using var bot = await ProductionBot.StartAsync(lessons: true, settings: _library.Settings());
        var experts = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> experts here", id: "1700000000900", conversationType: "channel", conversationId: "19:channel@thread.tacv2")
            .With("entities", new JsonArray(Mention(TeamsBotHost.BotId, "LearningBot")));
        await bot.PostAsync(experts);
        var before = bot.Connector.Requests.Count;

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message(text, id: "1700000000901"))).StatusCode);

        var reply = Assert.Single(bot.Connector.Requests.Skip(before));
        Assert.Null(reply.Card);
        Assert.StartsWith(answer, reply.Text, StringComparison.Ordinal);
        Assert.Contains("**", reply.Text, StringComparison.Ordinal); // a hint of what to type
        Assert.DoesNotContain("experts", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await QueryAsync(bot, db => db.Set<ContentGapRecord>().CountAsync()));
    }

    [Fact]
    public async Task A_greeting_before_a_real_question_is_answered_from_the_library()
    {
        await using var bot = await ProductionBot.StartAsync(lessons: true, settings: _library.Settings());

        await bot.PostAsync(bot.Message("hi, how do I give feedback to a peer without it getting awkward?", id: "1700000000950"));

        var card = Assert.Single(CardsIn(bot, AdaChat));
        Assert.Contains("Giving feedback to a peer without the awkwardness", card, StringComparison.Ordinal);
    }
}
