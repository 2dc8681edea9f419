using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Circles;
using LearningBot.Core.Debriefs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>/circle and /debrief through the real Slack endpoint: escaped mentions (should_escape) reach the core as people.</summary>
public sealed class CirclesAndDebriefsSlackTests : SlackBotTests
{
    [Fact]
    public async Task Slash_circle_create_in_a_channel_makes_the_mentioned_people_members_and_answers_ephemerally()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/circle", "create Design Crit about accessible forms <@U0LINUS|linus> <@U0GRACE|grace> weekly Thu 10:00", Slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("Circle created: Design Crit", body.RootElement.GetRawText(), StringComparison.Ordinal);
        var circle = await Bot.WithDbAsync(db => db.Set<CircleRecord>().SingleAsync());
        Assert.Equal(SlackPayloads.Channel, circle.ConversationId);
        Assert.Equal(3, await Bot.WithDbAsync(db => db.Set<CircleMemberRecord>().CountAsync()));
    }

    [Fact]
    public async Task Slash_debrief_with_escaped_mentions_starts_a_debrief_for_those_people()
    {
        Slack.Users["U0LINUS"] = "linus";
        Slack.Users["U0GRACE"] = "grace";
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/debrief", "Apollo <@U0LINUS|linus> <@U0GRACE|grace> by 2099-01-15", Slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Debrief started: Apollo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["grace", "linus"], await Bot.WithDbAsync(db => db.Set<DebriefParticipantRecord>().Select(p => p.Name).OrderBy(n => n).ToListAsync()));
    }

    [Fact]
    public async Task Slash_debrief_alone_opens_a_modal_with_a_user_picker_whose_submission_starts_the_debrief()
    {
        Slack.Users["U0LINUS"] = "linus";
        Slack.Users["U0GRACE"] = "grace";
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/debrief", "", Slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // the modal is the answer
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");
        var elements = view.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "input")
            .Select(b => b.GetProperty("element").GetProperty("type").GetString()).ToList();
        Assert.Equal(["plain_text_input", "multi_users_select", "datepicker", "static_select"], elements);

        using var submitted = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, new JsonObject
        {
            ["project"] = new JsonObject { ["project"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Apollo" } },
            ["people"] = new JsonObject { ["people"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray("U0LINUS", "U0GRACE") } },
            ["due"] = new JsonObject { ["due"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2099-01-15" } },
            ["template"] = new JsonObject { ["template"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "deal" } } },
        }));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await Bot.ProcessedAsync();

        var debrief = await Bot.WithDbAsync(db => db.Set<DebriefRecord>().Include(d => d.Participants).SingleAsync());
        Assert.Equal(("Apollo", "deal"), (debrief.Project, debrief.Template));
        Assert.Equal(["grace", "linus"], debrief.Participants.Select(p => p.Name).Order());
        var started = Assert.Single(Slack.CallsTo("chat.postEphemeral"), c => c.Body.GetRawText().Contains("Debrief started: Apollo", StringComparison.Ordinal));
        Assert.Equal(SlackPayloads.UserId, started.Body.GetProperty("user").GetString()); // only the manager sees the confirmation in the channel
        // Neither has written to the bot: delivering their cards opens a DM with each (conversations.open) and posts there.
        await Bot.Services.GetRequiredService<LearningBot.Core.Outbox.OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Equal(["U0GRACE", "U0LINUS"], Slack.CallsTo("conversations.open").Select(c => c.Body.GetProperty("users").GetString()).Order());
        Assert.Equal(["D-U0GRACE", "D-U0LINUS"], Slack.CallsTo("chat.postMessage").Where(c => c.Body.GetRawText().Contains("Debrief: Apollo", StringComparison.Ordinal)).Select(c => c.Body.GetProperty("channel").GetString()).Order());
        // users.info gave their emails, so the directory can link them later.
        Assert.Equal(["grace@example.com", "linus@example.com"], await Bot.WithDbAsync(db => db.People.Where(p => p.DisplayName == "grace" || p.DisplayName == "linus").Select(p => p.Email!).OrderBy(e => e).ToListAsync()));
    }

    [Fact]
    public async Task Slash_circle_create_alone_opens_the_circle_form_as_a_modal_and_its_submission_creates_the_circle()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/circle", "create", Slack.ResponseUrl()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");

        Slack.Users["U0LINUS"] = "linus";
        static JsonObject Text(string id, string value) => new() { [id] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };
        static JsonObject Select(string id, string value) => new() { [id] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } } };
        using var submitted = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, new JsonObject
        {
            ["name"] = Text("name", "Data Club"), ["topic"] = Text("topic", "SQL"),
            ["members"] = new JsonObject { ["members"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray("U0LINUS") } },
            ["cadence"] = Select("cadence", "biweekly"), ["day"] = Select("day", "Tuesday"), ["time"] = Text("time", "16:30"), ["pairs"] = Select("pairs", "no"),
        }));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await Bot.ProcessedAsync();

        var circle = await Bot.WithDbAsync(db => db.Set<CircleRecord>().SingleAsync());
        Assert.Equal(("Data Club", "SQL", SlackPayloads.Channel), (circle.Name, circle.Topic, circle.ConversationId));
        Assert.Equal(["Ada", "linus"], await Bot.WithDbAsync(db => db.Set<CircleMemberRecord>().Select(m => m.Name).OrderBy(n => n).ToListAsync()));
        Assert.Contains(Slack.CallsTo("chat.postEphemeral"), c => c.Body.GetRawText().Contains("Circle created: Data Club", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_modal_submission_the_core_finds_wrong_keeps_the_modal_open_with_the_error_on_its_field_and_a_corrected_one_starts_the_debrief()
    {
        Slack.Users["U0LINUS"] = "linus";
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/debrief", "", Slack.ResponseUrl()));
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");
        JsonObject Values(string due) => new()
        {
            ["project"] = new JsonObject { ["project"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Apollo" } },
            ["people"] = new JsonObject { ["people"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray("U0LINUS") } },
            ["due"] = new JsonObject { ["due"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = due } },
            ["template"] = new JsonObject { ["template"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "standard" } } },
        };

        using var past = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, Values("2020-01-15")));
        using (var body = JsonDocument.Parse(await past.Content.ReadAsStringAsync()))
        {
            Assert.Equal("errors", body.RootElement.GetProperty("response_action").GetString());
            Assert.Contains("has to be in the future", body.RootElement.GetProperty("errors").GetProperty("due").GetString(), StringComparison.Ordinal);
        }
        await Bot.ProcessedAsync();
        Assert.False(await Bot.WithDbAsync(db => db.Set<DebriefRecord>().AnyAsync()));
        Assert.Empty(Slack.CallsTo("chat.postEphemeral")); // the problem is on the field, not in the channel

        using var corrected = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, Values("2099-01-15")));
        Assert.Equal("", await corrected.Content.ReadAsStringAsync());
        await Bot.ProcessedAsync();
        Assert.True(await Bot.WithDbAsync(db => db.Set<DebriefRecord>().AnyAsync()));
    }

    [Fact]
    public async Task A_modal_submission_missing_a_required_field_is_answered_with_an_error_on_that_field()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/debrief", "", Slack.ResponseUrl()));
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");

        using var submitted = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, new JsonObject
        {
            ["project"] = new JsonObject { ["project"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Apollo" } },
            ["people"] = new JsonObject { ["people"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray() } },
            ["due"] = new JsonObject { ["due"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2099-01-15" } },
            ["template"] = new JsonObject { ["template"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "standard" } } },
        }));

        using var body = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync());
        Assert.Equal("errors", body.RootElement.GetProperty("response_action").GetString());
        Assert.Equal(["people"], body.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.False(await Bot.WithDbAsync(db => db.Set<DebriefRecord>().AnyAsync()));
    }
}
