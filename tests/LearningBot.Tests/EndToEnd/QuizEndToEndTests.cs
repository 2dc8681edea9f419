using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Tests.EndToEnd;

/// <summary>Quizzes through the real host: a message in, a quiz card out at the Connector, a button press answered with the updated card.</summary>
public sealed class QuizEndToEndTests
{
    private static JsonObject AnswerInvoke(BotUnderTest bot, string id, JsonElement button) => bot.Activity("invoke", id, a =>
    {
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = "fake-activity-1";
        a["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button.GetProperty("verb").GetString(), ["data"] = JsonNode.Parse(button.GetProperty("data").GetRawText()) },
            ["trigger"] = "manual",
        };
    });

    [Fact]
    public async Task Quiz_sends_a_question_card_and_pressing_a_choice_answers_with_the_updated_card_once()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Message("1700000000101", "quiz"));
        var quiz = Assert.Single(bot.SentCards());
        Assert.Equal("Your quiz", BotUnderTest.Title(quiz));
        var choice = quiz.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("verb").GetString() == "quiz.answer");

        var first = await bot.SendAsync(AnswerInvoke(bot, "f:answer-1", choice));
        var again = await bot.SendAsync(AnswerInvoke(bot, "f:answer-2", choice)); // the same click, arriving twice

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var againBody = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/vnd.microsoft.card.adaptive", firstBody.GetProperty("type").GetString());
        var updated = firstBody.GetProperty("value").GetRawText();
        Assert.True(updated.Contains("Right", StringComparison.Ordinal) || updated.Contains("Not quite", StringComparison.Ordinal), updated);
        Assert.Contains("lesson.open", updated, StringComparison.Ordinal);
        Assert.Equal(updated, againBody.GetProperty("value").GetRawText());
    }
}
