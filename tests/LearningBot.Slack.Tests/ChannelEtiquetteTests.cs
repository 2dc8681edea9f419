using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using LearningBot.Core.Recognition;
using LearningBot.Slack.Cards;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>
/// How the bot behaves in Slack channels, end to end through the real endpoints and the fake Web API: a click's answers
/// are private and in the card's thread, mentions are answered in a thread, channels the bot is not in are refused or
/// joined, failed channel posts tell their sender, text is escaped once, other emoji cost nothing, modals fit and stay open.
/// </summary>
public sealed class ChannelEtiquetteTests() : SlackBotTests(lessons: true)
{
    private const string MentionTs = "1700000000.000200";
    private const string Sam = "U456SAM";

    private static IEnumerable<JsonElement> Buttons(JsonElement blocks) => blocks.EnumerateArray()
        .Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray())
        .Where(b => b.TryGetProperty("value", out _));

    private IEnumerable<SlackCall> PublicPostsIn(string channel) =>
        Slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == channel);

    [Fact]
    public async Task A_top_level_mention_is_answered_in_a_thread_under_it()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.Mention($"<@{FakeSlackApi.BotUserId}> how do I give feedback to a peer")));
        await Bot.ProcessedAsync();

        var answer = Assert.Single(PublicPostsIn(SlackPayloads.Channel));
        Assert.Equal(MentionTs, answer.Arg("thread_ts"));
    }

    [Fact]
    public async Task Every_button_on_a_card_in_a_channel_thread_answers_only_the_clicker_in_that_thread()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.Mention($"<@{FakeSlackApi.BotUserId}> how do I give feedback to a peer without it getting awkward")));
        await Bot.ProcessedAsync();
        var card = Assert.Single(PublicPostsIn(SlackPayloads.Channel));
        var buttons = Buttons(card.Body.GetProperty("blocks")).ToList();
        Assert.Contains(buttons, b => b.GetProperty("text").GetProperty("text").GetString()!.StartsWith("👍", StringComparison.Ordinal));

        var i = 0;
        foreach (var button in buttons)
        {
            var click = SlackPayloads.BlockAction(button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString()!, Slack.ResponseUrl($"r-click{i}"), triggerId: $"trigger-click{i}");
            click["channel"] = new JsonObject { ["id"] = SlackPayloads.Channel };
            click["container"] = new JsonObject
            {
                ["type"] = "message", ["message_ts"] = "1700000000.000300", ["thread_ts"] = MentionTs,
                ["channel_id"] = SlackPayloads.Channel, ["is_ephemeral"] = false,
            };
            click["actions"]![0]!["action_ts"] = $"170000010{i}.0001";
            await Bot.PostInteractionAsync(click);
            await Bot.ProcessedAsync();
            i++;
        }

        // Nothing a click answers is posted for the channel to see; it is ephemeral to the clicker, in the card's thread.
        Assert.Single(PublicPostsIn(SlackPayloads.Channel));
        var ephemeral = Slack.CallsTo("chat.postEphemeral");
        Assert.NotEmpty(ephemeral);
        Assert.All(ephemeral, c => Assert.Equal((SlackPayloads.UserId, MentionTs), (c.Arg("user"), c.Arg("thread_ts"))));
        Assert.Contains(ephemeral, c => c.Body.GetRawText().Contains("glad it helped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Learning_channel_here_joins_a_public_channel_the_bot_is_not_in()
    {
        Slack.ChannelsWithoutBot[SlackPayloads.Channel] = false;

        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/learning", "channel here", Slack.ResponseUrl()));

        Assert.Single(Slack.CallsTo("conversations.join"), c => c.Arg("channel") == SlackPayloads.Channel);
        Assert.All(await Bot.WithDbAsync(db => db.Set<LearningChannelRecord>().ToListAsync()), r => Assert.Equal(SlackPayloads.Channel, r.ConversationId));
        Assert.NotEmpty(await Bot.WithDbAsync(db => db.Set<LearningChannelRecord>().ToListAsync()));
    }

    [Theory]
    [InlineData("/learning", "channel here", true)]
    [InlineData("/experts", "here", true)]
    [InlineData("/learning", "channel here", false)]
    public async Task A_channel_the_bot_cannot_join_is_refused_with_what_to_do(string command, string text, bool isPrivate)
    {
        Slack.ChannelsWithoutBot[SlackPayloads.Channel] = isPrivate;
        Slack.JoinAllowed = isPrivate; // a public channel the workspace does not let the app join

        using var response = await Bot.PostCommandAsync(SlackPayloads.Command(command, text, Slack.ResponseUrl()));
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var answer = ack.RootElement.GetRawText();
        Assert.Contains("/invite @LearningBot", answer, StringComparison.Ordinal);
        Assert.Contains($"{command} {text}", answer, StringComparison.Ordinal);
        Assert.Empty(await Bot.WithDbAsync(db => db.Set<LearningChannelRecord>().ToListAsync()));
        Assert.Equal(0, await Bot.WithDbAsync(db => db.ExpertChannels.CountAsync()));
    }

    [Fact]
    public async Task A_shoutout_that_cannot_be_posted_tells_the_giver_and_text_is_escaped_once()
    {
        // No learning channel: the shoutout goes where /kudos was typed, a channel the bot is not in.
        Slack.ChannelsWithoutBot[SlackPayloads.Channel] = false;
        using (await Bot.PostCommandAsync(SlackPayloads.Command("/kudos", $"<@{Sam}|sam> for the R&amp;D demo &lt;3", Slack.ResponseUrl())))
        {
        }
        var worker = Bot.Services.GetRequiredService<OutboxDeliveryWorker>();
        for (var pass = 0; pass < 3; pass++)
        {
            await worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
            Bot.Clock.Advance(TimeSpan.FromSeconds(2)); // one message per second into the giver's DM
        }

        var entry = Assert.Single(await Bot.WithDbAsync(db => db.Set<RecognitionEntryRecord>().ToListAsync()));
        Assert.Equal("the R&D demo <3", entry.Reason); // stored as typed, not as Slack escaped it
        var failed = await Bot.WithDbAsync(db => db.Set<OutboxMessageRecord>().SingleAsync(m => m.Kind == RecognitionPostComposer.PostKind));
        Assert.Equal(OutboxMessageStatus.Failed, failed.Status);
        var notice = Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == $"D-{SlackPayloads.UserId}"
            && c.Arg("text")!.Contains("post your shoutout", StringComparison.Ordinal));
        Assert.Contains("/invite @LearningBot", notice.Arg("text"), StringComparison.Ordinal);

        // Rendered once: Slack's own escape of & and <, never &amp;amp;.
        var all = string.Join("\n", Slack.Calls.Select(c => c.Json?.GetRawText() ?? ""));
        Assert.DoesNotContain("&amp;amp;", all, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;lt;", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reaction_no_feature_acts_on_costs_no_web_api_call_and_no_dedupe_row()
    {
        var before = await Bot.InboundEventCountAsync();
        var reaction = new JsonObject
        {
            ["type"] = "reaction_added", ["user"] = SlackPayloads.UserId, ["reaction"] = "eyes", ["item_user"] = Sam,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = SlackPayloads.Channel, ["ts"] = "1700000000.000500" },
            ["event_ts"] = "1700000000.000900",
        };
        await Bot.PostEventAsync(SlackPayloads.EventCallback((JsonObject)reaction.DeepClone(), eventId: "Ev-eyes"));
        await Bot.ProcessedAsync();

        Assert.Empty(Slack.CallsTo("users.info"));
        Assert.Empty(Slack.CallsTo("chat.getPermalink"));
        Assert.Equal(before, await Bot.InboundEventCountAsync());

        reaction["reaction"] = "mortar_board::skin-tone-3";
        await Bot.PostEventAsync(SlackPayloads.EventCallback(reaction, eventId: "Ev-cap"));
        await Bot.ProcessedAsync();
        Assert.Single(Slack.CallsTo("chat.getPermalink"));
    }

    [Fact]
    public async Task Quiz_settings_with_an_impossible_time_keep_the_modal_open_with_the_problem_under_the_field()
    {
        using (await Bot.PostCommandAsync(SlackPayloads.Command("/quiz", "settings", Slack.ResponseUrl())))
        {
        }
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");
        Assert.InRange(view.GetProperty("title").GetProperty("text").GetString()!.Length, 1, BlockKitRenderer.MaxViewTitle);
        var values = new JsonObject
        {
            ["time"] = new JsonObject { ["time"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "25:99" } },
        };

        using var response = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, values));
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await Bot.ProcessedAsync();

        Assert.Equal("errors", ack.RootElement.GetProperty("response_action").GetString());
        Assert.Contains("25:99", ack.RootElement.GetProperty("errors").GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Slack.Calls, c => c.Json?.GetRawText().Contains("press Save again", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_circle_form_opens_with_a_title_written_to_fit()
    {
        using (await Bot.PostCommandAsync(SlackPayloads.Command("/circle", "create", Slack.ResponseUrl())))
        {
        }
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");
        Assert.Equal("Start a learning circle", view.GetProperty("title").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("Start a peer learning circle", "Start a peer learning")]
    [InlineData("Save", "Save")]
    [InlineData("Supercalifragilisticexpialidocious", "Supercalifragilisticexp…")]
    public void A_modal_title_too_long_for_slack_keeps_whole_words(string title, string fitted) =>
        Assert.Equal(fitted, BlockKitRenderer.FitTitle(title, BlockKitRenderer.MaxViewTitle));
}
