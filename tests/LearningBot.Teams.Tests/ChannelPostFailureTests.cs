using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>
/// A post into a conversation that finally fails (the Connector answers 403 or 404: the bot was removed, the chat is
/// gone) tells the person it was posted for in their 1:1 chat, through /api/messages and the fake Connector.
/// </summary>
public sealed class ChannelPostFailureTests
{
    private const string GroupChat = "19:group-chat@thread.v2";

    private static JsonObject Mention(string id, string name) =>
        new() { ["type"] = "mention", ["text"] = $"<at>{name}</at>", ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } };

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_shoutout_the_chat_refuses_tells_the_giver_what_did_not_happen(int status)
    {
        await using var bot = await ProductionBot.StartAsync();
        // The giver has a 1:1 chat with the bot.
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("hello", id: "1700000000400"))).StatusCode);
        var kudos = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> kudos <at>Grace Hopper</at> for the clear demo",
                id: "1700000000500", conversationType: "groupChat", conversationId: GroupChat)
            .With("entities", new JsonArray(Mention(TeamsBotHost.BotId, "LearningBot"), Mention("29:grace", "Grace Hopper")));
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(kudos)).StatusCode);

        bot.Connector.FailNext(1, status, errorCode: status == 403 ? "BotNotInConversationRoster" : "ConversationNotFound");
        var worker = bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>();
        for (var pass = 0; pass < 3; pass++)
        {
            await worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        }

        await using var scope = bot.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var post = await db.Set<OutboxMessageRecord>().AsNoTracking().SingleAsync(m => m.Kind == RecognitionPostComposer.PostKind);
        Assert.Equal(OutboxMessageStatus.Failed, post.Status);
        var notice = Assert.Single(bot.Connector.Requests, r => r.Text?.Contains("post your shoutout", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(GroupChat, notice.Path, StringComparison.Ordinal);
        Assert.Contains("Add LearningBot", notice.Text, StringComparison.Ordinal);
    }
}
