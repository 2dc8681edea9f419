using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.EndToEnd;

/// <summary>Recognition through the Teams adapter of the real host: kudos with a real mention, the shoutout, and reactions on it.</summary>
public sealed class RecognitionEndToEndTests
{
    private const string LearningConversation = "19:learning@thread.tacv2";
    private const string Team = "19:team-general@thread.tacv2";

    private static JsonObject InLearningChannel(JsonObject activity, string userId, string userName)
    {
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = userName };
        activity["conversation"] = new JsonObject { ["id"] = LearningConversation, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = BotUnderTest.TenantId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotUnderTest.TenantId }, ["team"] = new JsonObject { ["id"] = Team, ["name"] = "People team" } };
        return activity;
    }

    private static JsonObject Mention(string id, string name) =>
        new() { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } };

    private static JsonObject Reaction(BotUnderTest bot, string id, string replyToId, string userId, string userName) =>
        InLearningChannel(bot.Activity("messageReaction", id, a =>
        {
            a["replyToId"] = replyToId;
            a["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        }), userId, userName);

    private static async Task<List<RecognitionEntryRecord>> LedgerAsync(BotUnderTest bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<RecognitionEntryRecord>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Kudos_with_a_mention_lands_once_the_recipient_is_told_and_a_reaction_on_the_shoutout_endorses_it()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var setUp = InLearningChannel(bot.Message("1700000000200", "<at>LearningBot</at> learning channel here"), "29:bob", "Bob Builder");
        setUp["entities"] = new JsonArray(Mention($"28:{bot.AppId}", "LearningBot"));
        await bot.SendAsync(setUp);
        Assert.StartsWith("Done: shoutouts", bot.Connector.Requests[^1].Text, StringComparison.Ordinal);
        // Sam has a 1:1 chat with the bot (installed the app).
        await bot.SendAsync(bot.Activity("message", "1700000000201", a =>
        {
            a["text"] = "help";
            a["from"] = new JsonObject { ["id"] = "29:sam", ["name"] = "Sam Lee" };
            a["conversation"] = new JsonObject { ["id"] = "a:personal-sam", ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantId };
        }));

        var kudos = bot.Message("1700000000202", "kudos <at>Sam Lee</at> for the clear demo #teamwork");
        kudos["entities"] = new JsonArray(Mention("29:sam", "Sam Lee"));
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(kudos)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(kudos.DeepClone().AsObject())).StatusCode); // redelivered
        Assert.Contains("Kudos to **Sam Lee** recorded", bot.Connector.Requests[^1].Text, StringComparison.Ordinal);
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        var shoutout = bot.Connector.Requests.Single(r => r.RawTarget.Contains(Uri.EscapeDataString(LearningConversation), StringComparison.Ordinal) && r.Card is not null);
        Assert.Equal("🎓 Shoutout to Sam Lee", BotUnderTest.Title(shoutout.Card!.Value));
        var toSam = bot.Connector.Requests.Single(r => r.RawTarget.Contains("a%3Apersonal-sam", StringComparison.Ordinal) && r.Text?.Contains("recognised you", StringComparison.Ordinal) == true);
        Assert.Contains("**Ada Lovelace** recognised you: “the clear demo” #teamwork", toSam.Text, StringComparison.Ordinal);
        var entry = Assert.Single(await LedgerAsync(bot));
        Assert.Equal(RecognitionSource.Command, entry.Source);

        string postId;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            postId = (await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<RecognitionPostRecord>().SingleAsync()).MessageId!;
        }
        await bot.SendAsync(Reaction(bot, "f:reaction-unknown", "not-a-bot-post", "29:lin", "Lin Park"));
        Assert.Single(await LedgerAsync(bot));
        var requestsBefore = bot.Connector.Requests.Count;
        await bot.SendAsync(Reaction(bot, "f:reaction-1", postId, "29:lin", "Lin Park"));
        await bot.SendAsync(Reaction(bot, "f:reaction-1", postId, "29:lin", "Lin Park")); // redelivered

        var ledger = await LedgerAsync(bot);
        Assert.Equal(2, ledger.Count);
        Assert.Equal((RecognitionSource.Endorsement, entry.RecipientPersonId), (ledger[1].Source, ledger[1].RecipientPersonId));
        Assert.Equal(requestsBefore, bot.Connector.Requests.Count); // nothing said in the channel about a reaction
    }

    [Fact]
    public async Task Kudos_in_a_channel_that_a_rule_blocks_is_explained_privately_not_in_the_channel()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var self = InLearningChannel(bot.Message("1700000000300", "<at>LearningBot</at> kudos <at>Ada Lovelace</at> for my own great work"), "29:ada", "Ada Lovelace");
        self["entities"] = new JsonArray(Mention($"28:{bot.AppId}", "LearningBot"), Mention("29:ada", "Ada Lovelace"));
        // Ada's 1:1 chat exists.
        await bot.SendAsync(bot.Message("1700000000299", "help"));
        var before = bot.Connector.Requests.Count;

        await bot.SendAsync(self);
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Empty(await LedgerAsync(bot));
        var after = bot.Connector.Requests.Skip(before).ToList();
        Assert.DoesNotContain(after, r => r.RawTarget.Contains(Uri.EscapeDataString(LearningConversation), StringComparison.Ordinal));
        Assert.Contains(after, r => r.RawTarget.Contains("a%3Apersonal-ada", StringComparison.Ordinal) && r.Text?.Contains("can't recognise yourself", StringComparison.Ordinal) == true);
    }

    private static JsonObject MessageAction(BotUnderTest bot, string id, string name, JsonObject? data = null) =>
        InLearningChannel(bot.Activity("invoke", id, a =>
        {
            a["name"] = name;
            a["value"] = new JsonObject
            {
                ["commandId"] = "recogniseThis",
                ["commandContext"] = "message",
                ["data"] = data,
                ["messagePayload"] = new JsonObject
                {
                    ["id"] = "1700000000400",
                    ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "00000000-0000-0000-0000-00000000005a", ["displayName"] = "Sam Lee" } },
                    ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Here is the fix for the flaky build</p>" },
                    ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:learning/1700000000400",
                },
            };
        }), "29:ada", "Ada Lovelace");

    [Fact]
    public async Task Recognise_this_on_a_colleagues_message_opens_a_dialog_records_once_and_posts_the_shoutout()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var setUp = InLearningChannel(bot.Message("1700000000390", "<at>LearningBot</at> learning channel here"), "29:bob", "Bob Builder");
        setUp["entities"] = new JsonArray(Mention($"28:{bot.AppId}", "LearningBot"));
        await bot.SendAsync(setUp);
        await bot.SendAsync(bot.Activity("message", "1700000000391", a =>
        {
            a["text"] = "help";
            a["from"] = new JsonObject { ["id"] = "29:sam", ["name"] = "Sam Lee", ["aadObjectId"] = "00000000-0000-0000-0000-00000000005a" };
            a["conversation"] = new JsonObject { ["id"] = "a:personal-sam", ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantId };
        }));

        var fetch = await bot.SendAsync(MessageAction(bot, "f:fetch-1", "composeExtension/fetchTask"));
        var dialog = await fetch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("continue", dialog.GetProperty("task").GetProperty("type").GetString());
        var card = dialog.GetProperty("task").GetProperty("value").GetProperty("card").GetProperty("content");
        Assert.Equal("Recognise Sam Lee", BotUnderTest.Title(card));
        Assert.Contains("Here is the fix for the flaky build", card.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Action.Submit", card.GetProperty("actions")[0].GetProperty("type").GetString());

        var submit = MessageAction(bot, "f:submit-1", "composeExtension/submitAction", new JsonObject { ["reason"] = "the fix for the flaky build", ["value"] = "#Ownership" });
        var submitted = await (await bot.SendAsync(submit)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await bot.SendAsync(submit.DeepClone().AsObject())).Content.ReadFromJsonAsync<JsonElement>();
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Contains("Recognition for **Sam Lee** recorded", submitted.GetProperty("task").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.False(again.TryGetProperty("task", out _)); // a redelivered submit closes the dialog and records nothing
        var entry = Assert.Single(await LedgerAsync(bot));
        Assert.Equal((RecognitionSource.MessageAction, "1700000000400", "the fix for the flaky build", "ownership"), (entry.Source, entry.MessageId, entry.Reason, entry.Value));
        Assert.Single(bot.Connector.Requests, r => r.RawTarget.Contains(Uri.EscapeDataString(LearningConversation), StringComparison.Ordinal) && r.Card is not null);
        var toSam = Assert.Single(bot.Connector.Requests, r => r.RawTarget.Contains("a%3Apersonal-sam", StringComparison.Ordinal) && r.Text?.Contains("the fix for the flaky build", StringComparison.Ordinal) == true);
        Assert.Contains("[See the message](https://teams.microsoft.com/l/message/", toSam.Text, StringComparison.Ordinal);
    }
}
