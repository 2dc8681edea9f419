using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.EndToEnd;

/// <summary>Whole conversations over real HTTP: a Teams activity in, what the bot sends to the Connector out.</summary>
public sealed class TeamsConversationTests
{
    [Fact]
    public async Task A_question_in_teams_gets_the_right_lesson_card_at_the_connector()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var response = await bot.SendAsync(bot.Message("1700000000001", "how do I give feedback to a peer without it getting awkward"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Connector.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("/v3/conversations/a%3Apersonal-ada/activities", sent.RawTarget, StringComparison.Ordinal);
        Assert.Equal($"Bearer {bot.Entra.AccessToken}", sent.Authorization);
        var card = sent.Card!.Value;
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.Equal("Giving feedback to a peer without the awkwardness", BotUnderTest.Title(card));
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Contains(actions, a => a.GetProperty("title").GetString() == "Open full lesson"
            && a.GetProperty("data").GetProperty("lessonId").GetString() == "feedback-peer-conversations");
    }

    [Fact]
    public async Task Installing_the_app_sends_one_welcome_card_even_with_both_install_events()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Activity("installationUpdate", "f:install-1", a => a["action"] = "add"));
        await bot.SendAsync(bot.Activity("conversationUpdate", "f:update-1", a =>
            a["membersAdded"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = $"28:{bot.AppId}" })));

        var card = Assert.Single(bot.SentCards());
        Assert.StartsWith("Hi, I'm LearningBot", BotUnderTest.Title(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Message("1700000000002", "refresher phishing"));
        await bot.SendAsync(bot.Message("1700000000002", "refresher phishing"));

        Assert.Single(bot.Connector.Requests);
    }

    [Fact]
    public async Task In_a_channel_the_mention_of_the_bot_is_removed_before_searching()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var message = bot.Message("1700000000003", "<at>LearningBot</at> how do I run a good stand-up?");
        message["conversation"] = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "19:general@thread.tacv2;messageid=1700000000000", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = BotUnderTest.TenantId,
        };
        message["entities"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>LearningBot</at>", ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = $"28:{bot.AppId}", ["name"] = "LearningBot" },
        });

        await bot.SendAsync(message);

        var card = Assert.Single(bot.SentCards());
        Assert.Equal("Running a stand-up that stays short", BotUnderTest.Title(card));
    }

    [Fact]
    public async Task Open_full_lesson_on_an_answer_card_returns_the_whole_lesson()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var invoke = bot.Activity("invoke", "f:invoke-1", a =>
        {
            a["name"] = "adaptiveCard/action";
            a["replyToId"] = "1700000000001";
            a["value"] = System.Text.Json.Nodes.JsonNode.Parse("""
                {"action": {"type": "Action.Execute", "verb": "lesson.open", "data": {"lessonId": "security-suspicious-links"}}, "trigger": "manual"}
                """);
        });

        var response = await bot.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        var card = Assert.Single(bot.SentCards());
        Assert.Contains(card.GetProperty("body").EnumerateArray(), e => e.GetProperty("text").GetString()?.Contains("clicked", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task Did_this_help_is_stored_once_even_when_the_click_is_redelivered()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var click = bot.Activity("invoke", "f:feedback-1", a =>
        {
            a["name"] = "adaptiveCard/action";
            a["replyToId"] = "1700000000001";
            a["value"] = System.Text.Json.Nodes.JsonNode.Parse("""
                {"action": {"type": "Action.Execute", "verb": "knowledge.feedback", "data": {"lessonId": "feedback-peer-conversations", "helpful": "yes", "question": "peer feedback?"}}}
                """);
        });

        await bot.SendAsync(click);
        await bot.SendAsync(click);

        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBot.Core.Storage.LearningBotDbContext>();
        var feedback = Assert.Single(db.AnswerFeedback);
        Assert.Equal(("feedback-peer-conversations", true, "peer feedback?"), (feedback.LessonId, feedback.Helpful, feedback.Question));
    }

    [Fact]
    public async Task An_unanswerable_question_is_kept_as_a_content_gap()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Message("1700000000009", "what's the capital of mongolia"));

        Assert.Equal("I don't have a lesson on that yet", BotUnderTest.Title(Assert.Single(bot.SentCards())));
        await using var scope = bot.Services.CreateAsyncScope();
        var gap = Assert.Single(scope.ServiceProvider.GetRequiredService<LearningBot.Core.Storage.LearningBotDbContext>().ContentGaps);
        Assert.Equal("what's the capital of mongolia", gap.Question);
    }

    [Fact]
    public async Task A_learning_question_the_library_lacks_is_a_gap_and_not_sent_to_facilities()
    {
        await using var bot = await BotUnderTest.StartAsync();

        await bot.SendAsync(bot.Message("1700000000010", "mentoring interns in data science"));
        await bot.SendAsync(bot.Message("1700000000011", "my laptop won't start and IT is closed"));

        var cards = bot.SentCards();
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.Equal("I don't have a lesson on that yet", BotUnderTest.Title(c)));
        Assert.DoesNotContain("rather than for a lesson", cards[0].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("the IT service desk", cards[1].GetRawText(), StringComparison.Ordinal);
        await using var scope = bot.Services.CreateAsyncScope();
        var gap = Assert.Single(scope.ServiceProvider.GetRequiredService<LearningBot.Core.Storage.LearningBotDbContext>().ContentGaps.Where(g => g.Question.Contains("interns")));
        Assert.Equal(("mentoring interns in data science", null), (gap.Question, gap.RedirectTopic));
    }

    [Fact]
    public async Task A_forged_token_gets_401_and_the_bot_sends_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var forged = bot.Identity.CreateToken(FakeTokenRequest.ValidFor(bot.AppId, bot.Connector.ServiceUrl, DateTimeOffset.UtcNow) with
        {
            Key = FakeBotFrameworkIdentity.CreateUnpublishedKey(),
        });

        var response = await bot.SendAsync(bot.Message("1700000000004", "help"), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task Without_an_app_id_the_bot_runs_in_development_mode_for_the_agents_playground()
    {
        await using var bot = await BotUnderTest.StartAsync(developmentMode: true);

        var response = await bot.SendAsync(bot.Message("1700000000005", "help"), token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Connector.Requests);
        Assert.Null(sent.Authorization);
        Assert.Equal("What I can do", BotUnderTest.Title(sent.Card!.Value));
    }

    [Fact]
    public async Task Malformed_json_gets_a_problem_response_and_nothing_is_sent()
    {
        await using var bot = await BotUnderTest.StartAsync();
        using var content = new StringContent("{\"type\": \"message\", ", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.Authorization = new("Bearer", bot.Identity.CreateToken(FakeTokenRequest.ValidFor(bot.AppId, bot.Connector.ServiceUrl, DateTimeOffset.UtcNow)));

        var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task The_health_endpoint_reports_the_imported_demo_library()
    {
        await using var bot = await BotUnderTest.StartAsync();

        var health = await bot.Http.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(Directory.GetFiles(RepositoryPaths.Content, "*.md").Length, health.GetProperty("lessons").GetInt32());
    }
}
