using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.EndToEnd;

/// <summary>A debrief through the real host and the Teams adapter: mentions in, cards out at the Connector via the outbox, Action.Execute back.</summary>
public sealed class DebriefEndToEndTests
{
    private static JsonObject FromGrace(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = "29:grace", ["name"] = "Grace Hopper" };
        activity["conversation"] = new JsonObject { ["id"] = "a:personal-grace", ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantId };
        return activity;
    }

    private static JsonObject Invoke(BotUnderTest bot, string id, JsonElement button, JsonObject inputs) => bot.Activity("invoke", id, a =>
    {
        var data = JsonNode.Parse(button.GetProperty("data").GetRawText())!.AsObject();
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = "1700000000100";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button.GetProperty("verb").GetString(), ["data"] = data } };
    });

    private static JsonElement Button(JsonElement card, string verb) => card.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("verb").GetString() == verb);

    private static async Task DeliverAsync(BotUnderTest bot) =>
        await bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    [Fact]
    public async Task A_manager_starts_a_debrief_by_mentioning_people_the_participant_answers_on_the_card_and_the_published_lesson_answers_questions()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await bot.SendAsync(FromGrace(bot.Message("1700000000200", "help")));

        var due = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = bot.Message("1700000000201", $"debrief Apollo <at>Grace Hopper</at> by {due}");
        start["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>Grace Hopper</at>", ["mentioned"] = new JsonObject { ["id"] = "29:grace", ["name"] = "Grace Hopper" } });
        await bot.SendAsync(start);
        Assert.Equal("Debrief started: Apollo", BotUnderTest.Title(bot.SentCards()[^1]));

        await DeliverAsync(bot);
        var toGrace = bot.Connector.Requests.Last(r => r.RawTarget.Contains("a%3Apersonal-grace", StringComparison.Ordinal) && r.Card is not null).Card!.Value;
        Assert.Equal("Debrief: Apollo", BotUnderTest.Title(toGrace));

        var answers = new JsonObject
        {
            ["went-well"] = "Feature flags let us ship daily.", ["went-badly"] = "The rollback plan came too late.", ["differently"] = "Plan rollbacks first.",
            ["lesson"] = "Write and rehearse the rollback plan before launch day, not during the incident.", ["rating"] = "4",
        };
        var submitted = await bot.SendAsync(FromGrace(Invoke(bot, "f:submit-1", Button(toGrace, "debrief.submit"), answers)));
        var updated = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("your answers are in", updated.GetProperty("value").GetRawText(), StringComparison.Ordinal);

        await DeliverAsync(bot);
        var summary = bot.Connector.Requests.Last(r => r.RawTarget.Contains("a%3Apersonal-ada", StringComparison.Ordinal) && r.Card is not null).Card!.Value;
        Assert.Equal("Debrief summary: Apollo", BotUnderTest.Title(summary));
        var published = await bot.SendAsync(Invoke(bot, "f:publish-1", Button(summary, "debrief.publish"), []));
        Assert.DoesNotContain("debrief.publish", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetRawText(), StringComparison.Ordinal);

        await bot.SendAsync(bot.Message("1700000000202", "when should we write and rehearse the rollback plan for a launch?"));
        Assert.Contains("Lesson from Apollo", bot.SentCards()[^1].GetRawText(), StringComparison.Ordinal);
    }
}
