using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LearningBot.Tests.EndToEnd;

/// <summary>POST /api/ask over real HTTP: intranet search and evaluation.</summary>
public sealed class AskApiTests
{
    private static async Task<HttpResponseMessage> Ask(BotUnderTest bot, string body, string? key = BotUnderTest.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await bot.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_question_gets_an_answer_citing_the_lesson_best_first()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await Ask(bot, """{"question": "what do i do if i clicked a weird link"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("answered").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("answer").GetString()));
        var first = json.GetProperty("citations")[0];
        Assert.Equal("security-suspicious-links", first.GetProperty("lessonId").GetString());
        Assert.Equal("Spotting suspicious links, and what to do if you clicked one", first.GetProperty("title").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task A_question_outside_the_library_is_not_answered()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var json = await (await Ask(bot, """{"question": "book a meeting room for thursday at 2"}""")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(json.GetProperty("answered").GetBoolean());
        Assert.Equal("", json.GetProperty("answer").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_the_right_key_the_api_answers_401(string? key)
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await Ask(bot, """{"question": "phishing"}""", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"question\": ")]
    [InlineData("{\"question\": \"\"}")]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    public async Task A_request_without_a_usable_question_gets_400(string body)
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await Ask(bot, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
