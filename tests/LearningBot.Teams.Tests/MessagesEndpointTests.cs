using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams.Tests;

public sealed class MessagesEndpointTests
{
    [Fact]
    public async Task A_question_in_a_personal_chat_is_answered_with_an_attachment_only_card()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(bot.Message("what is phishing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Connector.Requests);
        var body = sent.Body!.Value;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.False(body.TryGetProperty("text", out _));
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("attachments")[0].GetProperty("contentType").GetString());
        Assert.Equal("You asked: what is phishing", sent.Card!.Value.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.Equal(TeamsBotHost.BotId, body.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_stripped_and_the_answer_goes_into_the_thread()
    {
        await using var bot = await ProductionBot.StartAsync();
        const string thread = "19:channel@thread.tacv2;messageid=1575667808000";
        var activity = TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> what is phishing?", conversationType: "channel", conversationId: thread)
            .With("entities", new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = TeamsBotHost.BotId, ["name"] = "LearningBot" },
                ["text"] = "<at>LearningBot</at>",
            }));

        var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(bot.Connector.Requests);
        Assert.Equal($"/v3/conversations/{thread}/activities", sent.Path);
        Assert.Equal("/v3/conversations/19%3Achannel%40thread.tacv2%3Bmessageid%3D1575667808000/activities", sent.RawTarget);
        Assert.Equal("You asked: what is phishing?", sent.Card!.Value.GetProperty("body")[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_processed_once()
    {
        await using var bot = await ProductionBot.StartAsync();

        var first = await bot.PostAsync(bot.Message(id: "1575667808184"));
        var second = await bot.PostAsync(bot.Message(id: "1575667808184"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(bot.Connector.Requests);
        Assert.Equal(1, await bot.Host.InboundEventCountAsync());
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("somethingNewFromTeams")]
    public async Task An_activity_type_the_bot_does_not_know_is_acknowledged_and_ignored(string type)
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(TestActivities.Base(type, bot.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task An_invoke_other_than_a_card_action_is_answered_501()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(TestActivities.Base("invoke", bot.Connector.ServiceUrl).With("name", "task/fetch"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_card_action_that_updates_the_card_answers_with_the_card_and_updates_it_for_everyone()
    {
        await using var bot = await ProductionBot.StartAsync();

        var response = await bot.PostAsync(TestActivities.CardActionInvoke(bot.Connector.ServiceUrl, TestVerbs.UpdateCard, replyToId: "card-message-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var invoke = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, invoke.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", invoke.RootElement.GetProperty("type").GetString());
        Assert.Equal("Updated", invoke.RootElement.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Collection(bot.Connector.Requests,
            put =>
            {
                Assert.Equal("PUT", put.Method);
                Assert.Equal("/v3/conversations/a:personal-1/activities/card-message-1", put.Path);
                Assert.Equal("Updated", put.Card!.Value.GetProperty("body")[0].GetProperty("text").GetString());
            },
            post => Assert.Equal("Card updated.", post.Text));
    }

    [Fact]
    public async Task A_card_action_without_a_new_card_answers_with_a_message_and_sends_the_reply()
    {
        await using var bot = await ProductionBot.StartAsync();
        var data = new JsonObject { ["lesson"] = "phishing-101", ["verb"] = TestVerbs.Echo, ["answer"] = "typed in the card", ["score"] = 3 };

        var response = await bot.PostAsync(TestActivities.CardActionInvoke(bot.Connector.ServiceUrl, TestVerbs.Echo, data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var invoke = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.activity.message", invoke.RootElement.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, invoke.RootElement.GetProperty("value").ValueKind);
        var sent = Assert.Single(bot.Connector.Requests);
        Assert.Equal("answer=typed in the card;lesson=phishing-101;score=3", sent.Text);
    }

    [Theory]
    [InlineData("""{"trigger":"manual"}""")]
    [InlineData("""{"action":{"type":"Action.Submit","verb":"test.echo"}}""")]
    [InlineData("\"just a string\"")]
    public async Task A_malformed_card_action_is_answered_with_an_error_invoke_response(string value)
    {
        await using var bot = await ProductionBot.StartAsync();
        var activity = TestActivities.Base("invoke", bot.Connector.ServiceUrl).With("name", "adaptiveCard/action").With("value", JsonNode.Parse(value));

        var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var invoke = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, invoke.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", invoke.RootElement.GetProperty("type").GetString());
        Assert.Equal("BadRequest", invoke.RootElement.GetProperty("value").GetProperty("code").GetString());
        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_classic_submit_from_an_old_client_arrives_as_a_message_and_is_routed_by_its_verb()
    {
        await using var bot = await ProductionBot.StartAsync();
        var activity = bot.Message("").With("value", new JsonObject { ["verb"] = TestVerbs.Echo, ["lesson"] = "x" }).With("replyToId", "card-1");

        var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lesson=x", Assert.Single(bot.Connector.Requests).Text);
    }

    [Fact]
    public async Task Installing_the_bot_sends_the_welcome_once()
    {
        await using var bot = await ProductionBot.StartAsync();
        var installation = TestActivities.Base("installationUpdate", bot.Connector.ServiceUrl, id: "f:install").With("action", "add");
        var added = TestActivities.Base("conversationUpdate", bot.Connector.ServiceUrl, id: "f:added")
            .With("membersAdded", new JsonArray(new JsonObject { ["id"] = TeamsBotHost.BotId }));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(installation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(added)).StatusCode);

        Assert.Single(bot.Connector.Requests);
        Assert.Equal(2, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_conversation_update_about_other_members_is_ignored()
    {
        await using var bot = await ProductionBot.StartAsync();
        var added = TestActivities.Base("conversationUpdate", bot.Connector.ServiceUrl)
            .With("membersAdded", new JsonArray(new JsonObject { ["id"] = "29:someone-else" }));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(added)).StatusCode);

        Assert.Empty(bot.Connector.Requests);
        Assert.Equal(0, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task Each_reaction_in_one_activity_is_its_own_event()
    {
        await using var bot = await ProductionBot.StartAsync();
        var reaction = TestActivities.Base("messageReaction", bot.Connector.ServiceUrl, id: "f:reaction").With("replyToId", "bot-message-1")
            .With("reactionsAdded", new JsonArray(new JsonObject { ["type"] = "like" }, new JsonObject { ["type"] = "heart-tone2" }))
            .With("reactionsRemoved", new JsonArray(new JsonObject { ["type"] = "like" }));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(reaction)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(reaction)).StatusCode);

        Assert.Equal(3, await bot.Host.InboundEventCountAsync());
    }

    [Fact]
    public async Task Without_an_app_id_a_request_without_a_token_from_loopback_is_accepted()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = await TeamsBotHost.StartDevelopmentAsync();

        var response = await host.PostAsync(TestActivities.Message(connector.ServiceUrl, "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(connector.Requests);
        Assert.Null(sent.Authorization);
    }

    [Fact]
    public async Task Messages_in_two_threads_of_a_channel_are_one_conversation_answered_in_each_thread()
    {
        await using var bot = await ProductionBot.StartAsync();
        const string channel = "19:channel@thread.tacv2";

        var mention = new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = TeamsBotHost.BotId }, ["text"] = "<at>LearningBot</at>" };
        await bot.PostAsync(TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> one", id: "1", conversationType: "channel", conversationId: channel + ";messageid=1")
            .With("entities", new JsonArray(mention.DeepClone())));
        await bot.PostAsync(TestActivities.Message(bot.Connector.ServiceUrl, "<at>LearningBot</at> two", id: "2", conversationType: "channel", conversationId: channel + ";messageid=2")
            .With("entities", new JsonArray(mention.DeepClone())));

        Assert.Equal(1, await bot.Host.ConversationCountAsync());
        Assert.Equal(
            [$"/v3/conversations/{channel};messageid=1/activities", $"/v3/conversations/{channel};messageid=2/activities"],
            bot.Connector.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_classic_submit_that_updates_the_card_replaces_it_with_a_put()
    {
        await using var bot = await ProductionBot.StartAsync();
        var activity = bot.Message("").With("value", new JsonObject { ["verb"] = TestVerbs.UpdateCard }).With("replyToId", "card-7");

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(activity)).StatusCode);

        Assert.Equal(
            [("PUT", "/v3/conversations/a:personal-1/activities/card-7"), ("POST", "/v3/conversations/a:personal-1/activities")],
            bot.Connector.Requests.Select(r => (r.Method, r.Path)));
    }

    [Fact]
    public async Task A_failed_reply_is_logged_and_the_activity_still_acknowledged()
    {
        await using var bot = await ProductionBot.StartAsync();
        bot.Connector.FailNext(1, 403, errorCode: "MessageWritesBlocked");

        var response = await bot.PostAsync(bot.Message());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Connector.Requests);
    }

    [Fact]
    public async Task Without_an_app_id_a_request_from_another_machine_is_refused()
    {
        await using var host = await TeamsBotHost.StartDevelopmentAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(TestActivities.Message("http://127.0.0.1:1/", "hi").ToJsonString()));

        await scope.ServiceProvider.GetRequiredService<TeamsMessagesEndpoint>().HandleAsync(context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal(0, await host.InboundEventCountAsync());
    }

    [Fact]
    public async Task When_the_signing_keys_cannot_be_loaded_requests_are_refused()
    {
        await using var bot = await ProductionBot.StartAsync();
        var token = bot.Token(bot.ValidToken());
        await bot.Identity.DisposeAsync();

        var response = await bot.Host.PostAsync(bot.Message(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task Development_mode_is_announced_with_a_warning_at_start_up()
    {
        await using var host = await TeamsBotHost.StartDevelopmentAsync();

        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("local development mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_at_information_carry_the_activity_id_but_never_the_token_or_the_message_text()
    {
        await using var bot = await ProductionBot.StartAsync();
        var token = bot.Token(bot.ValidToken());

        await bot.Host.PostAsync(bot.Message("my secret question", id: "activity-42"), token);
        await bot.Host.PostAsync(bot.Message("my secret question", id: "activity-43"), token + "x");

        var visible = bot.Host.Logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Contains(visible, e => e.Message.Contains("activity-42", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Message.Contains("secret question", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Host.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Host.Logs.Entries, e => e.Message.Contains(bot.Entra.AccessToken, StringComparison.Ordinal));
    }
}
