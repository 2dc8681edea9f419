using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Slack.Cards;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>POST /slack/commands and /slack/interactions (slack-protocol.md §3, §4).</summary>
public sealed class CommandsAndInteractionsTests : SlackBotTests
{
    [Fact]
    public async Task Slash_learn_answers_the_help_card_inside_the_ack_ephemerally()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/learn", "", Slack.ResponseUrl()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.Equal("What I can do", body.RootElement.GetProperty("text").GetString());
        Assert.Contains("refresher", body.RootElement.GetProperty("blocks").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slash_refresher_reaches_the_refresher_command_and_answers_inside_the_ack()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/refresher", "phishing", Slack.ResponseUrl()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        // No lessons are imported in this test, so the refresher command (not the question handler) says so.
        Assert.DoesNotContain("You asked", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Slash_commands_become_the_core_command_text() 
    {
        Assert.Equal("refresher phishing", new Inbound.SlashCommand("/refresher", "phishing", "U", "C", null, null, null, null).TurnText);
        Assert.Equal("help", new Inbound.SlashCommand("/learn", "", "U", "C", null, null, null, null).TurnText);
        Assert.Equal("quiz", new Inbound.SlashCommand("/quiz", " ", "U", "C", null, null, null, null).TurnText);
        Assert.Equal("kudos <@U2> for the demo", new Inbound.SlashCommand("/kudos", "<@U2> for the demo", "U", "C", null, null, null, null).TurnText);
    }

    [Fact]
    public async Task A_slash_command_without_user_or_channel_gets_400()
    {
        var form = SlackPayloads.Command("/learn", "", Slack.ResponseUrl());
        form.Remove("user_id");
        using var response = await Bot.PostCommandAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_button_that_updates_its_card_replaces_the_original_through_the_response_url()
    {
        var value = BlockKitRenderer.ButtonValue(TestVerbs.UpdateCard, new Dictionary<string, string> { ["lesson"] = "phishing-101" });
        using var response = await Bot.PostInteractionAsync(SlackPayloads.BlockAction("lb:0:test.update", value, Slack.ResponseUrl("r-update")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Bot.ProcessedAsync();

        var replace = Assert.Single(Slack.CallsTo("response_url:r-update"));
        Assert.Equal("true", replace.Arg("replace_original"));
        Assert.Equal("Updated", replace.Arg("text"));
        var followUp = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal("Card updated.", followUp.Arg("text"));
    }

    [Fact]
    public async Task A_button_carries_its_verb_and_data_and_the_message_inputs_to_the_core()
    {
        var payload = SlackPayloads.BlockAction("lb:0:test.echo", BlockKitRenderer.ButtonValue(TestVerbs.Echo, new Dictionary<string, string> { ["lesson"] = "l1" }), Slack.ResponseUrl());
        payload["state"] = new JsonObject { ["values"] = new JsonObject { ["note"] = new JsonObject { ["note"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "learned a lot" } } } };
        await Bot.PostInteractionAsync(payload);
        await Bot.ProcessedAsync();

        Assert.Equal("lesson=l1;note=learned a lot", Assert.Single(Slack.CallsTo("chat.postMessage")).Arg("text"));
    }

    [Fact]
    public async Task A_card_asking_for_input_opens_as_a_modal_with_the_trigger()
    {
        await Bot.PostInteractionAsync(SlackPayloads.BlockAction("lb:0:test.ask", BlockKitRenderer.ButtonValue(TestVerbs.AskForNote, new Dictionary<string, string>()), Slack.ResponseUrl(), triggerId: "trigger-modal"));
        await Bot.ProcessedAsync();

        var open = Assert.Single(Slack.CallsTo("views.open"));
        Assert.Equal("trigger-modal", open.Arg("trigger_id"));
        var view = open.Body.GetProperty("view");
        Assert.Equal("modal", view.GetProperty("type").GetString());
        Assert.Equal("Save", view.GetProperty("submit").GetProperty("text").GetString());
        Assert.Contains(view.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "input");
    }

    [Fact]
    public async Task A_modal_submission_with_a_blank_required_field_gets_response_action_errors()
    {
        using var response = await Bot.PostInteractionAsync(Submission("   "));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", body.RootElement.GetProperty("response_action").GetString());
        Assert.Equal("Please fill this in.", body.RootElement.GetProperty("errors").GetProperty("note").GetString());
        await Bot.ProcessedAsync();
        Assert.Empty(Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_valid_modal_submission_closes_the_modal_and_runs_the_submit_verb_with_the_inputs()
    {
        using var response = await Bot.PostInteractionAsync(Submission("Phishing links hide the real domain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await Bot.ProcessedAsync();

        var post = Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Equal(SlackPayloads.DmChannel, post.Arg("channel"));
        Assert.Equal("kind=note;note=Phishing links hide the real domain", post.Arg("text"));
    }

    [Fact]
    public async Task View_closed_is_acknowledged()
    {
        using var response = await Bot.PostInteractionAsync(new JsonObject { ["type"] = "view_closed", ["view"] = new JsonObject { ["id"] = "V1" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("payload=%7Bnot-json")]
    [InlineData("nopayload=1")]
    [InlineData("payload=%7B%22type%22%3A%22mystery%22%7D")]
    public async Task Malformed_or_unknown_interactions_get_400(string form)
    {
        using var response = await Bot.PostAsync("/slack/interactions", form, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static JsonObject Submission(string note)
    {
        var metadata = new ModalMetadata(TestVerbs.Echo, new Dictionary<string, string> { ["kind"] = "note" }, SlackPayloads.DmChannel).Serialize();
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = FakeSlackApi.TeamId },
            ["user"] = new JsonObject { ["id"] = SlackPayloads.UserId, ["team_id"] = FakeSlackApi.TeamId },
            ["trigger_id"] = "trigger-submit",
            ["view"] = new JsonObject
            {
                ["id"] = "V123",
                ["hash"] = "156772938.1827394",
                ["type"] = "modal",
                ["callback_id"] = Inbound.SlackInteractionProcessor.ModalCallbackId,
                ["private_metadata"] = metadata,
                ["blocks"] = new JsonArray(new JsonObject
                {
                    ["type"] = "input",
                    ["block_id"] = "note",
                    ["optional"] = false,
                    ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Your note" },
                    ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "note", ["max_length"] = 200 },
                }),
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["note"] = new JsonObject { ["note"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = note } } } },
            },
        };
    }
}

/// <summary>Slash commands that take longer than the ack budget (slack-protocol.md §3: 3 s) finish through response_url.</summary>
public sealed class SlowCommandTests
{
    [Fact]
    public async Task A_command_slower_than_the_ack_budget_is_acked_and_answered_later_through_the_response_url()
    {
        var slow = new SlowCommand();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack,
            new Dictionary<string, string?> { ["LearningBot:Slack:CommandAckBudget"] = "00:00:00" },
            services => services.AddSingleton<Core.Conversations.ICommandHandler>(slow));

        using var response = await bot.PostCommandAsync(SlackPayloads.Command("/slow", "topic", slack.ResponseUrl("r-slow")));
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Working on it…", ack.RootElement.GetProperty("text").GetString());
        Assert.Empty(slack.CallsTo("response_url:r-slow"));

        slow.Release.SetResult();
        await bot.ProcessedAsync();

        var late = Assert.Single(slack.CallsTo("response_url:r-slow"));
        Assert.Equal("ephemeral", late.Arg("response_type"));
        Assert.Equal("true", late.Arg("replace_original")); // in place of "Working on it…"

        Assert.Equal("Late answer: topic", late.Arg("text"));
    }

    [Fact]
    public async Task A_slow_command_whose_answer_opened_a_modal_removes_its_working_on_it_note()
    {
        var slow = new SlowCommand();
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack,
            new Dictionary<string, string?> { ["LearningBot:Slack:CommandAckBudget"] = "00:00:00" },
            services => services.AddSingleton<Core.Conversations.ICommandHandler>(slow));

        using (await bot.PostCommandAsync(SlackPayloads.Command("/slow", "form", slack.ResponseUrl("r-slow"))))
        {
        }
        slow.Release.SetResult();
        await bot.ProcessedAsync();

        Assert.Single(slack.CallsTo("views.open"));
        var note = Assert.Single(slack.CallsTo("response_url:r-slow"));
        Assert.Equal("true", note.Arg("delete_original"));
    }
}
