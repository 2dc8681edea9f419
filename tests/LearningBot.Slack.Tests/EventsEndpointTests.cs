using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Slack.Installations;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Slack.Tests;

/// <summary>POST /slack/events end to end over loopback, against the fake Slack Web API (slack-protocol.md §2).</summary>
public sealed class EventsEndpointTests : SlackBotTests
{
    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge()
    {
        using var response = await Bot.PostEventAsync(new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task A_direct_message_question_is_answered_with_blocks_and_a_text_fallback_in_the_dm()
    {
        using var response = await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("How do I spot phishing?")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Bot.ProcessedAsync();

        var post = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal($"Bearer {SlackBotHost.BotToken}", post.Authorization);
        Assert.Equal(SlackPayloads.DmChannel, post.Arg("channel"));
        Assert.Equal("Answer", post.Arg("text"));
        var blocks = post.Body.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Contains(blocks.EnumerateArray(), b => b.GetProperty("type").GetString() == "section"
            && b.GetProperty("text").GetProperty("text").GetString() == "You asked: How do I spot phishing?");
    }

    [Fact]
    public async Task An_app_mention_is_answered_in_its_thread_without_the_mention_in_the_question()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.Mention($"<@{FakeSlackApi.BotUserId}> what is   tailgating?", threadTs: "1699999999.000001")));
        await Bot.ProcessedAsync();

        var post = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal(SlackPayloads.Channel, post.Arg("channel"));
        Assert.Equal("1699999999.000001", post.Arg("thread_ts"));
        Assert.Contains("You asked: what is tailgating?", post.Body.GetProperty("blocks").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_event_is_processed_once()
    {
        var envelope = SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello?"), eventId: "Ev-retried");
        using var first = await Bot.PostEventAsync(envelope);
        await Bot.ProcessedAsync();
        using var retry = await Bot.PostEventAsync(envelope);
        await Bot.ProcessedAsync();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal(1, await Bot.InboundEventCountAsync());
    }

    [Fact]
    public async Task The_bots_own_messages_other_bots_and_message_subtypes_are_ignored()
    {
        var own = SlackPayloads.DirectMessage("I am the bot", user: FakeSlackApi.BotUserId);
        var otherBot = SlackPayloads.DirectMessage("beep");
        otherBot["bot_id"] = "B-OTHER";
        var edited = SlackPayloads.DirectMessage("edited");
        edited["subtype"] = "message_changed";

        await Bot.PostEventAsync(SlackPayloads.EventCallback(own, eventId: "Ev-own"));
        await Bot.PostEventAsync(SlackPayloads.EventCallback(otherBot, eventId: "Ev-bot"));
        await Bot.PostEventAsync(SlackPayloads.EventCallback(edited, eventId: "Ev-edit"));
        await Bot.ProcessedAsync();

        Assert.Empty(Slack.CallsTo("chat.postMessage"));
        Assert.Equal(0, await Bot.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_reaction_reaches_the_core_as_a_reaction_turn_with_the_skin_tone_stripped()
    {
        var evt = new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = SlackPayloads.UserId,
            ["reaction"] = "mortar_board::skin-tone-3",
            ["item_user"] = "U-OTHER",
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = SlackPayloads.Channel, ["ts"] = "1700000000.000400" },
            ["event_ts"] = "1700000000.000500",
        };
        await Bot.PostEventAsync(SlackPayloads.EventCallback(evt, eventId: "Ev-reaction"));
        await Bot.ProcessedAsync();

        Assert.Equal(1, await Bot.InboundEventCountAsync());
        Assert.Equal("mortar_board", Inbound.SlackEventProcessor.BaseReaction("mortar_board::skin-tone-3"));
    }

    [Fact]
    public async Task The_bot_joining_a_channel_greets_it_once()
    {
        JsonObject Joined(string eventId) => SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "member_joined_channel",
            ["user"] = FakeSlackApi.BotUserId,
            ["channel"] = SlackPayloads.Channel,
            ["channel_type"] = "C",
            ["team"] = FakeSlackApi.TeamId,
        }, eventId);

        await Bot.PostEventAsync(Joined("Ev-join-1"));
        await Bot.ProcessedAsync();
        await Bot.PostEventAsync(Joined("Ev-join-2"));
        await Bot.ProcessedAsync();

        var welcome = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal(SlackPayloads.Channel, welcome.Arg("channel"));
        Assert.StartsWith("Hi, I'm LearningBot", welcome.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_home_tab_publishes_what_the_bot_can_do()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = SlackPayloads.UserId,
            ["channel"] = SlackPayloads.DmChannel,
            ["tab"] = "home",
            ["event_ts"] = "1700000000.000600",
        }, eventId: "Ev-home"));
        await Bot.ProcessedAsync();

        var publish = Assert.Single(Slack.CallsTo("views.publish"));
        Assert.Equal(SlackPayloads.UserId, publish.Arg("user_id"));
        var view = publish.Body.GetProperty("view");
        Assert.Equal("home", view.GetProperty("type").GetString());
        Assert.Contains("refresher", view.GetProperty("blocks").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_uninstalled_removes_the_workspace_installation()
    {
        await Bot.WithDbAsync(async db =>
        {
            db.Add(new SlackInstallationRecord { InstallationKey = SlackInstallationRecord.KeyOf(null, "T9"), TeamId = "T9", BotUserId = "UB9", ProtectedBotToken = "x" });
            return await db.SaveChangesAsync();
        });
        await Bot.PostEventAsync(SlackPayloads.EventCallback(new JsonObject { ["type"] = "app_uninstalled" }, eventId: "Ev-uninstall", teamId: "T9"));
        await Bot.ProcessedAsync();

        Assert.Equal(0, await Bot.WithDbAsync(db => db.Set<SlackInstallationRecord>().CountAsync()));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"type\":\"something_else\"}")]
    [InlineData("[1,2]")]
    public async Task Malformed_or_unknown_payloads_get_400_and_nothing_is_processed(string body)
    {
        using var response = await Bot.PostAsync("/slack/events", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Bot.ProcessedAsync();
        Assert.Empty(Slack.Calls);
    }

    [Fact]
    public async Task An_oversized_body_gets_413()
    {
        using var response = await Bot.PostAsync("/slack/events", new string('x', 600 * 1024), "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_never_appear_in_the_logs()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hi")));
        await Bot.ProcessedAsync();
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Message.Contains("xoxb-", StringComparison.Ordinal));
    }
}

/// <summary>Smaller event cases: the Messages tab greeting and revoked tokens.</summary>
public sealed class MoreEventsTests
{
    [Fact]
    public async Task Opening_the_messages_tab_greets_the_person_once_in_the_dm()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        JsonObject Opened(string id) => SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = SlackPayloads.UserId,
            ["channel"] = SlackPayloads.DmChannel,
            ["tab"] = "messages",
        }, eventId: id);

        await bot.PostEventAsync(Opened("Ev-tab-1"));
        await bot.ProcessedAsync();
        await bot.PostEventAsync(Opened("Ev-tab-2"));
        await bot.ProcessedAsync();

        var welcome = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Equal(SlackPayloads.DmChannel, welcome.Arg("channel"));
    }

    [Fact]
    public async Task Revoked_bot_tokens_remove_the_installation_but_revoked_user_tokens_do_not()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        await bot.WithDbAsync(async db =>
        {
            db.Add(new SlackInstallationRecord { InstallationKey = SlackInstallationRecord.KeyOf(null, "T9"), TeamId = "T9", BotUserId = "UB9", ProtectedBotToken = "x" });
            return await db.SaveChangesAsync();
        });

        await bot.PostEventAsync(SlackPayloads.EventCallback(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U1") } }, eventId: "Ev-user-revoked", teamId: "T9"));
        await bot.ProcessedAsync();
        Assert.Equal(1, await bot.WithDbAsync(db => db.Set<SlackInstallationRecord>().CountAsync()));

        await bot.PostEventAsync(SlackPayloads.EventCallback(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["bot"] = new JsonArray("UB9") } }, eventId: "Ev-bot-revoked", teamId: "T9"));
        await bot.ProcessedAsync();
        Assert.Equal(0, await bot.WithDbAsync(db => db.Set<SlackInstallationRecord>().CountAsync()));
    }
}
