using System.Net;
using System.Text.Json.Nodes;

namespace LearningBot.Teams.Tests;

/// <summary>In a channel or group chat the bot acts only on what is addressed to it: a message that @mentions it, a card button.</summary>
public sealed class AddressedMessagesTests
{
    private static JsonObject BotMention() => new()
    {
        ["type"] = "mention",
        ["mentioned"] = new JsonObject { ["id"] = TeamsBotHost.BotId, ["name"] = "LearningBot" },
        ["text"] = "<at>LearningBot</at>",
    };

    private static JsonObject SomeoneElse() => new()
    {
        ["type"] = "mention",
        ["mentioned"] = new JsonObject { ["id"] = "29:grace", ["name"] = "Grace Hopper" },
        ["text"] = "<at>Grace Hopper</at>",
    };

    [Theory]
    [InlineData("channel", "19:channel@thread.tacv2;messageid=1575667808000")]
    [InlineData("groupChat", "19:group@thread.v2")]
    public async Task A_message_that_does_not_mention_the_bot_is_acknowledged_and_ignored(string type, string conversationId)
    {
        await using var bot = await ProductionBot.StartAsync();
        var unaddressed = TestActivities.Message(bot.Connector.ServiceUrl, "<at>Grace Hopper</at> what is phishing?", id: "1575667808101", conversationType: type, conversationId: conversationId)
            .With("entities", new JsonArray(SomeoneElse()));
        var plain = TestActivities.Message(bot.Connector.ServiceUrl, "help", id: "1575667808102", conversationType: type, conversationId: conversationId);

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(unaddressed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(plain)).StatusCode);

        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
    }

    [Theory]
    [InlineData("channel", "19:channel@thread.tacv2;messageid=1575667808000")]
    [InlineData("groupChat", "19:group@thread.v2")]
    public async Task A_message_that_mentions_the_bot_and_a_card_button_are_answered(string type, string conversationId)
    {
        await using var bot = await ProductionBot.StartAsync();
        var addressed = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> what is phishing?", id: "1575667808103", conversationType: type, conversationId: conversationId)
            .With("entities", new JsonArray(BotMention(), SomeoneElse()));
        var button = TestActivities.Message(bot.Connector.ServiceUrl, "", id: "1575667808104", conversationType: type, conversationId: conversationId)
            .With("value", new JsonObject { ["verb"] = "help.show" });

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(addressed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(button)).StatusCode);

        Assert.Equal(2, bot.Connector.Requests.Count);
        Assert.Equal("You asked: what is phishing?", bot.Connector.Requests[0].Card!.Value.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.Equal("What I can do", bot.Connector.Requests[1].Card!.Value.GetProperty("body")[0].GetProperty("text").GetString());
    }
}
