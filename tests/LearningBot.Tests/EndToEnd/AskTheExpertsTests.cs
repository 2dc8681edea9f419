using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.EndToEnd;

/// <summary>An unanswered question passed to the team's experts channel, answered there, and the answer relayed to the asker.</summary>
public sealed class AskTheExpertsTests
{
    private const string ExpertsConversation = "19:experts@thread.tacv2";

    private static JsonObject InExpertsChannel(BotUnderTest bot, JsonObject activity, string userId = "29:bob", string userName = "Bob Expert")
    {
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = userName };
        activity["conversation"] = new JsonObject { ["id"] = ExpertsConversation, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = BotUnderTest.TenantId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotUnderTest.TenantId }, ["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2", ["name"] = "People team" } };
        return activity;
    }

    private static JsonObject Invoke(BotUnderTest bot, string id, string verb, JsonObject data) => bot.Activity("invoke", id, a =>
    {
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = "1700000000100";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
    });

    /// <summary>Runs one outbox pass: the question card and the answer reach their conversations through the outbox.</summary>
    private static async Task DeliverAsync(BotUnderTest bot) =>
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    [Fact]
    public async Task An_anonymous_question_reaches_the_experts_and_their_answer_reaches_the_asker()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var setUp = InExpertsChannel(bot, bot.Message("1700000000050", "<at>LearningBot</at> experts here"));
        setUp["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>LearningBot</at>", ["mentioned"] = new JsonObject { ["id"] = $"28:{bot.AppId}", ["name"] = "LearningBot" } });
        await bot.SendAsync(setUp);
        Assert.StartsWith("Done: questions", bot.Connector.Requests[^1].Text, StringComparison.Ordinal);

        // Ada's question has no lesson; the card offers the experts.
        await bot.SendAsync(bot.Message("1700000000051", "how do we pick a name for our new internal product"));
        var notYet = bot.SentCards()[^1];
        Assert.Contains(notYet.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "Ask anonymously");

        await bot.SendAsync(Invoke(bot, "f:route-1", "knowledge.ask-experts", new JsonObject { ["question"] = "how do we pick a name for our new internal product", ["anonymous"] = "yes" }));
        await DeliverAsync(bot);
        var toExperts = bot.Connector.Requests.Single(r => r.RawTarget.Contains(Uri.EscapeDataString(ExpertsConversation), StringComparison.Ordinal) && r.Card is not null);
        var card = toExperts.Card!.Value;
        Assert.Equal("A colleague has a question", BotUnderTest.Title(card));
        Assert.DoesNotContain("Lovelace", card.GetRawText(), StringComparison.Ordinal);
        var routedId = card.GetProperty("actions")[0].GetProperty("data").GetProperty("routedId").GetString()!;

        var answer = InExpertsChannel(bot, Invoke(bot, "f:answer-1", "knowledge.expert-answer", new JsonObject { ["routedId"] = routedId, ["answer"] = "Run a naming poll in #product." }));
        var response = await bot.SendAsync(answer);
        await DeliverAsync(bot);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invokeResponse = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Answered — thank you!", invokeResponse.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        var toAda = bot.Connector.Requests.Last(r => r.RawTarget.Contains("a%3Apersonal-ada", StringComparison.Ordinal) && r.Card is not null).Card!.Value;
        Assert.Equal("An expert answered your question", BotUnderTest.Title(toAda));
        Assert.Contains("Run a naming poll in #product.", toAda.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_experts_channel_the_card_does_not_offer_one()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Message("1700000000060", "how do we pick a name for our new internal product"));

        var card = Assert.Single(bot.SentCards());
        Assert.Equal("I don't have a lesson on that yet", BotUnderTest.Title(card));
        Assert.DoesNotContain("Ask the experts", card.GetRawText(), StringComparison.Ordinal);
    }
}
