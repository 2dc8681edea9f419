using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Outbox;
using LearningBot.Core.Recognition;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>Recognition through the Slack adapter: signed events and slash commands in, Web API calls out to a fake Slack.</summary>
public sealed class RecognitionTests : SlackBotTests
{
    private const string Sam = "U456SAM";

    private static JsonObject Reaction(string type, string user, string itemUser, string ts, string reaction = "mortar_board::skin-tone-2") => new()
    {
        ["type"] = type,
        ["user"] = user,
        ["reaction"] = reaction,
        ["item_user"] = itemUser,
        ["item"] = new JsonObject { ["type"] = "message", ["channel"] = SlackPayloads.Channel, ["ts"] = ts },
        ["event_ts"] = "1700000000.000900",
    };

    private Task<List<RecognitionEntryRecord>> LedgerAsync() =>
        Bot.WithDbAsync(db => db.Set<RecognitionEntryRecord>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task The_same_reaction_event_delivered_three_times_counts_once()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_added", SlackPayloads.UserId, Sam, "1700000000.000400"), eventId: "Ev-react-1"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Bot.ProcessedAsync();
        }

        var entry = Assert.Single(await LedgerAsync());
        Assert.Equal((RecognitionSource.Reaction, "1700000000.000400", 1), (entry.Source, entry.MessageId, entry.Points));
        var people = await Bot.WithDbAsync(db => db.ChannelAccounts.Where(a => a.Id > 0).ToDictionaryAsync(a => a.ExternalId, a => a.PersonId));
        Assert.Equal((people[SlackPayloads.UserId], people[Sam]), (entry.GiverPersonId, entry.RecipientPersonId));
    }

    [Fact]
    public async Task Removing_the_reaction_takes_the_recognition_back_as_a_new_ledger_entry()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_added", SlackPayloads.UserId, Sam, "1700000000.000400"), eventId: "Ev-add"));
        await Bot.ProcessedAsync();
        await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_removed", SlackPayloads.UserId, Sam, "1700000000.000400"), eventId: "Ev-remove"));
        await Bot.ProcessedAsync();

        var ledger = await LedgerAsync();
        Assert.Equal([1, -1], ledger.Select(e => e.Points));
        Assert.Equal(ledger[0].Id, ledger[1].ReversesEntryId);
    }

    [Fact]
    public async Task Recognising_your_own_message_is_refused_with_an_ephemeral_note_only_you_see()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_added", SlackPayloads.UserId, SlackPayloads.UserId, "1700000000.000400"), eventId: "Ev-self"));
        await Bot.ProcessedAsync();

        Assert.Empty(await LedgerAsync());
        var note = Assert.Single(Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal(SlackPayloads.UserId, note.Body.GetProperty("user").GetString());
        Assert.Contains("can't recognise yourself", note.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recognition_by_reaction_tells_the_author_in_their_dm_with_a_link_to_the_message()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello", user: Sam), eventId: "Ev-sam-hi"));
        await Bot.ProcessedAsync();

        await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_added", SlackPayloads.UserId, Sam, "1700000000.000400"), eventId: "Ev-react-link"));
        await Bot.ProcessedAsync();
        await Bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        var dm = Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Body.GetProperty("channel").GetString() == SlackPayloads.DmChannel
            && c.Body.GetRawText().Contains("reacted to your message", StringComparison.Ordinal));
        Assert.Contains($"https://fake-workspace.slack.com/archives/{SlackPayloads.Channel}/p1700000000000400", dm.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slash_kudos_lands_once_and_the_recipient_is_told_in_their_dm()
    {
        // Sam has talked to the bot, so the bot has a DM with Sam to write into.
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello", user: Sam), eventId: "Ev-sam-hello"));
        await Bot.ProcessedAsync();
        var form = SlackPayloads.Command("/kudos", $"<@{Sam}|sam> for the clear demo #teamwork", Slack.ResponseUrl());

        using var first = await Bot.PostCommandAsync(form);
        using var again = await Bot.PostCommandAsync(form); // the same trigger redelivered
        await Bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("recorded", body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        var entry = Assert.Single(await LedgerAsync());
        Assert.Equal(("the clear demo", "teamwork", RecognitionSource.Command), (entry.Reason, entry.Value, entry.Source));
        var dm = Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Body.GetProperty("channel").GetString() == SlackPayloads.DmChannel
            && c.Body.GetRawText().Contains("the clear demo", StringComparison.Ordinal));
        Assert.Contains("recognised you", dm.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reaction_on_the_bots_learning_share_recognises_the_sharer()
    {
        using (await Bot.PostCommandAsync(SlackPayloads.Command("/learning", "channel here", Slack.ResponseUrl())))
        {
        }
        var share = SlackPayloads.Command("/share", "read the tests before the code", Slack.ResponseUrl());
        share["user_id"] = Sam;
        share["trigger_id"] = "trigger-share";
        using (await Bot.PostCommandAsync(share))
        {
        }
        await Bot.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var post = await Bot.WithDbAsync(db => db.Set<RecognitionPostRecord>().SingleAsync());
        Assert.NotNull(post.MessageId);

        await Bot.PostEventAsync(SlackPayloads.EventCallback(Reaction("reaction_added", SlackPayloads.UserId, FakeSlackApi.BotUserId, post.MessageId, "heart"), eventId: "Ev-share-react"));
        await Bot.ProcessedAsync();

        var entry = Assert.Single(await LedgerAsync());
        Assert.Equal((RecognitionSource.ShareReaction, post.SubjectPersonId, post.Id), (entry.Source, entry.RecipientPersonId, entry.PostId));
    }

    [Fact]
    public void Mentions_in_slack_text_are_read_with_or_without_a_name_and_the_bot_is_left_out() =>
        Assert.Equal(
            [("U456SAM", "sam"), ("W789KIM", "")],
            Inbound.SlackEventProcessor.MentionsIn($"<@{FakeSlackApi.BotUserId}> kudos <@U456SAM|sam> and <@W789KIM> <@U456SAM>", FakeSlackApi.BotUserId).Select(m => (m.Id, m.Name)));
}
