using System.Net;
using System.Text.Json;

namespace LearningBot.Teams.Tests;

/// <summary>Bad input is a 4xx problem+json saying what is wrong; nothing is stored or sent, never a 500.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Malformed_json_from_an_authenticated_caller_is_a_400_problem()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.PostRawAsync("{\"type\": \"message\", ", bot.Token(bot.ValidToken()));

        await AssertProblemAsync(bot, response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_activity_without_a_type_is_a_400_problem()
    {
        await using var bot = await ProductionBot.StartAsync();
        var activity = bot.Message();
        activity.Remove("type");

        var response = await bot.PostAsync(activity);

        var detail = await AssertProblemAsync(bot, response, HttpStatusCode.BadRequest);
        Assert.Contains("type", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.PostRawAsync(bot.Message().ToJsonString(), bot.Token(bot.ValidToken()), "text/plain");

        await AssertProblemAsync(bot, response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_before_any_token_work()
    {
        await using var bot = await ProductionBot.StartAsync();
        var activity = bot.Message(new string('x', 300 * 1024));

        var response = await bot.PostAsync(activity);

        await AssertProblemAsync(bot, response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, bot.Identity.MetadataRequestCount);
    }

    [Theory]
    [InlineData("serviceUrl", "not a url")]
    [InlineData("serviceUrl", "ftp://files.example.com/")]
    [InlineData("conversation", null)]
    [InlineData("from", null)]
    public async Task An_activity_without_where_to_answer_or_who_asked_is_a_400_problem_in_development_mode(string field, string? value)
    {
        await using var host = await TeamsBotHost.StartDevelopmentAsync();
        var activity = TestActivities.Message("http://127.0.0.1:9/", "hi").With(field, value);

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.IsProblem());
        Assert.Equal(0, await host.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_field_of_the_wrong_shape_is_a_400_problem_not_a_crash()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(bot.Message().With("from", "29:not-an-object"));

        await AssertProblemAsync(bot, response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_without_a_token_is_refused_as_unauthenticated()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.PostRawAsync("{not json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_get_on_the_messaging_endpoint_is_405()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.Host.Client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<string> AssertProblemAsync(ProductionBot bot, HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.IsProblem(), $"content type was {response.Content.Headers.ContentType}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
        Assert.Equal(0, await bot.Host.ConversationCountAsync());
        Assert.Empty(bot.Connector.Requests);
        return detail!;
    }
}
