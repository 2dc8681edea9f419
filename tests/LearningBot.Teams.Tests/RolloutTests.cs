using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>What a first rollout in Teams tripped over, through /api/messages and the fake Connector.</summary>
public sealed class RolloutTests
{
    private const string GroupChat = "19:group-chat@thread.v2";

    private static JsonObject Mention(string id, string name) =>
        new() { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } };

    private static async Task<T> QueryAsync<T>(ProductionBot bot, Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = bot.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    private static Task DeliverAsync(ProductionBot bot) =>
        bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    private static JsonObject RecogniseThis(ProductionBot bot, string id, JsonObject? data) =>
        TestActivities.Base("invoke", bot.Connector.ServiceUrl, id, "groupChat", GroupChat)
            .With("name", "composeExtension/submitAction")
            .With("value", new JsonObject
            {
                ["commandId"] = "recogniseThis",
                ["commandContext"] = "message",
                ["data"] = data,
                ["messagePayload"] = new JsonObject
                {
                    ["id"] = "1700000000400",
                    ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "aad-sam", ["displayName"] = "Sam Lee", ["userIdentityType"] = "aadUser" } },
                    ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Here is the fix for the flaky build</p>" },
                },
            });

    [Fact]
    public async Task Recognise_this_reaches_a_colleague_who_never_used_the_bot()
    {
        await using var bot = await ProductionBot.StartAsync();
        bot.Connector.Members.Add(new FakeTeamsMember("29:sam", "Sam Lee", "aad-sam", "sam@example.com", TeamsBotHost.TenantId));

        var response = await bot.PostAsync(RecogniseThis(bot, "f:recognise-1", new JsonObject { ["reason"] = "the fix for the flaky build" }));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Recognition for **Sam Lee** recorded", answer.GetProperty("task").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("aad-sam", bot.Connector.MemberLookups);
        var recipient = await QueryAsync(bot, db => db.Set<RecognitionEntryRecord>().Select(e => e.RecipientPersonId).SingleAsync());
        var account = await QueryAsync(bot, db => db.Set<ChannelAccountRecord>().SingleAsync(a => a.PersonId == recipient));
        Assert.Equal(("29:sam", "aad-sam"), (account.ExternalId, account.AadObjectId));
    }

    [Fact]
    public async Task Recognise_this_for_someone_the_channel_cannot_find_says_so_and_records_nothing()
    {
        await using var bot = await ProductionBot.StartAsync();

        var answer = await (await bot.PostAsync(RecogniseThis(bot, "f:recognise-2", new JsonObject { ["reason"] = "the fix" }))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("couldn't look up Sam Lee", answer.GetProperty("task").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(bot, db => db.Set<RecognitionEntryRecord>().CountAsync()));
    }

    [Fact]
    public async Task Kudos_in_a_group_chat_without_a_learning_channel_posts_the_shoutout_in_that_chat()
    {
        await using var bot = await ProductionBot.StartAsync();
        var kudos = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> kudos <at>Grace Hopper</at> for the clear demo #teamwork",
                id: "1700000000500", conversationType: "groupChat", conversationId: GroupChat)
            .With("entities", new JsonArray(Mention(TeamsBotHost.BotId, "LearningBot"), Mention("29:grace", "Grace Hopper")));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(kudos)).StatusCode);
        await DeliverAsync(bot);

        var inChat = bot.Connector.Requests.Where(r => r.Path == $"/v3/conversations/{GroupChat}/activities" && r.Card is not null).ToList();
        var shoutout = Assert.Single(inChat).Card!.Value.GetRawText();
        Assert.Contains("Grace Hopper", shoutout, StringComparison.Ordinal);
        Assert.Contains("the clear demo", shoutout, StringComparison.Ordinal);
        var post = await QueryAsync(bot, db => db.Set<RecognitionPostRecord>().SingleAsync());
        Assert.Equal((RecognitionPostKind.Shoutout, GroupChat), (post.Kind, post.ConversationId));
    }

    [Theory]
    [InlineData("Pacific/Auckland", "2026-12-20", "Sun 20 Dec 2026", "2026-12-20T11:00:00Z")]
    [InlineData("Europe/Berlin", "2026-12-20", "Sun 20 Dec 2026", "2026-12-20T23:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-03-20", "Fri 20 Mar 2026", "2026-03-21T07:00:00Z")]
    public async Task A_debrief_deadline_is_the_end_of_the_day_typed_in_the_managers_time_zone_and_shown_as_that_day(string zone, string typed, string shown, string deadline)
    {
        await using var bot = await ProductionBot.StartAsync();
        var start = bot.Message($"debrief Apollo <at>Grace Hopper</at> by {typed}", id: "1700000000600")
            .With("localTimezone", zone)
            .With("entities", new JsonArray(Mention("29:grace", "Grace Hopper")));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(start)).StatusCode);

        var card = bot.Connector.Requests.Last(r => r.Card is not null).Card!.Value;
        var due = card.GetProperty("body").EnumerateArray().First(b => b.GetProperty("type").GetString() == "FactSet")
            .GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("title").GetString() == "Due");
        Assert.Equal(shown, due.GetProperty("value").GetString());
        var stored = await QueryAsync(bot, db => db.Set<DebriefRecord>().Select(d => d.Deadline).SingleAsync());
        Assert.Equal(DateTimeOffset.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), stored);
    }
}
