using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Growth;
using LearningBot.Core.Outbox;
using LearningBot.Slack.Cards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Slack.Tests;

/// <summary>
/// /goals and /buddy through the real Slack endpoints, and a new hire's journey in a Slack workspace: the CSV's start
/// date, the welcome and the buddy introduction on day 1 at 09:30 London time, and the goals card on their day 3 after the
/// clocks went forward (09:30 BST is 08:30 UTC).
/// </summary>
public sealed class GrowthSlackTests() : SlackBotTests(new Dictionary<string, string?> { ["LearningBot:Api:Key"] = ApiKey })
{
    private const string ApiKey = "growth-slack-key";
    private int _events;

    private async Task SayAsync(string user, string text)
    {
        var message = SlackPayloads.DirectMessage(text, user);
        message["channel"] = "D-" + user;
        using var response = await Bot.PostEventAsync(SlackPayloads.EventCallback(message, eventId: $"EvGrowth{++_events}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Bot.ProcessedAsync();
    }

    private async Task<OnboardingRunReport> RunAsync(DateTimeOffset at)
    {
        Bot.Clock.SetUtcNow(at);
        OnboardingRunReport report;
        await using (var scope = Bot.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<OnboardingScheduler>().RunAsync(CancellationToken.None);
        }
        // Posts into one conversation are paced (one a second): deliver, let a few seconds pass, deliver the rest.
        var worker = Bot.Services.GetRequiredService<OutboxDeliveryWorker>();
        await worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        Bot.Clock.Advance(TimeSpan.FromSeconds(5));
        await worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        return report;
    }

    /// <summary>A slash command with a trigger id of its own (the trigger id is what tells one command from a redelivery).</summary>
    private Dictionary<string, string> Command(string command, string text, string hook)
    {
        var form = SlackPayloads.Command(command, text, Slack.ResponseUrl(hook));
        form["trigger_id"] = $"trigger-{hook}";
        return form;
    }

    private List<string> PostedTo(string user) =>
        [.. Slack.CallsTo("chat.postMessage").Where(c => c.Body.GetProperty("channel").GetString() == "D-" + user).Select(c => c.Body.GetRawText())];

    [Fact]
    public async Task A_new_hire_in_Slack_gets_the_welcome_and_a_buddy_on_day_1_and_the_goals_card_at_local_time_after_the_clocks_change()
    {
        Bot.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero));
        Slack.Users["U0HIRE"] = "hire";
        Slack.Users["U0BOSS"] = "boss";
        Slack.Users["U0VOL"] = "vol";
        await SayAsync("U0HIRE", "hello");
        await SayAsync("U0BOSS", "hello");
        await SayAsync("U0VOL", "buddy volunteer");
        Assert.Equal(1, await Bot.WithDbAsync(db => db.Set<BuddyVolunteerRecord>().CountAsync()));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people")
        {
            Content = new StringContent("""
                email,name,manager_email,team,role,start_date
                boss@example.com,Barbara Liskov,,Research,manager,
                hire@example.com,Hedy Lamarr,boss@example.com,Research,engineer,2026-03-27
                vol@example.com,Vint Cerf,,Networks,,
                """, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("X-Api-Key", ApiKey);
        using (var imported = await Bot.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        // Friday 27 March, London is on GMT: 09:29 UTC nothing, 09:30 the welcome and the introductions.
        Assert.Equal(0, (await RunAsync(new DateTimeOffset(2026, 3, 27, 9, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(2, (await RunAsync(new DateTimeOffset(2026, 3, 27, 9, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(PostedTo("U0HIRE"), m => m.Contains("Welcome to LearningBot", StringComparison.Ordinal));
        Assert.Single(PostedTo("U0HIRE"), m => m.Contains("Meet your learning buddy", StringComparison.Ordinal) && m.Contains("Vint Cerf", StringComparison.Ordinal));
        Assert.Single(PostedTo("U0VOL"), m => m.Contains("learning buddy", StringComparison.Ordinal) && m.Contains("Hedy Lamarr", StringComparison.Ordinal));
        Assert.DoesNotContain(PostedTo("U0BOSS"), m => m.Contains("buddy", StringComparison.Ordinal));

        // Day 3 is Sunday 29 March, the day the clocks go forward: the goals card comes on Monday at 09:30 BST, 08:30 UTC.
        Assert.Equal(0, (await RunAsync(new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(new DateTimeOffset(2026, 3, 30, 8, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(new DateTimeOffset(2026, 3, 30, 8, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(PostedTo("U0HIRE"), m => m.Contains("Your goals for the first 30 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slash_goals_adds_lists_and_completes_goals_and_its_button_opens_the_add_form_as_a_modal()
    {
        using (var added = await Bot.PostCommandAsync(Command("/goals", "add Learn to write good SQL", "r-first")))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            var body = await added.Content.ReadAsStringAsync();
            Assert.Contains("Goal added", body, StringComparison.Ordinal);
            Assert.Contains("1. Learn to write good SQL", body, StringComparison.Ordinal);
        }

        // "Add a goal" opens the form as a modal; its submission adds the goal.
        var addButton = BlockKitRenderer.ButtonValue(GrowthVerbs.GoalForm, new Dictionary<string, string> { ["form"] = "add" });
        using (var pressed = await Bot.PostInteractionAsync(SlackPayloads.BlockAction("lb:0:" + GrowthVerbs.GoalForm, addButton, Slack.ResponseUrl("r-add"))))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        }
        await Bot.ProcessedAsync();
        var view = Assert.Single(Slack.CallsTo("views.open")).Body.GetProperty("view");
        using (var submitted = await Bot.PostInteractionAsync(SlackPayloads.ViewSubmission(view, new JsonObject
        {
            ["goal"] = new JsonObject { ["goal"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Pair with the data team" } },
            ["topic"] = new JsonObject { ["topic"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "analytics" } },
        })))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
        await Bot.ProcessedAsync();
        var goals = await Bot.WithDbAsync(db => db.Set<GoalRecord>().OrderBy(g => g.Id).Select(g => g.Text).ToListAsync());
        Assert.Equal(["Learn to write good SQL", "Pair with the data team"], goals);

        using (var done = await Bot.PostCommandAsync(Command("/goals", "done 1", "r-done")))
        {
            var body = await done.Content.ReadAsStringAsync();
            Assert.Contains("Done: *Learn to write good SQL*", body, StringComparison.Ordinal);
            Assert.Contains("1. Pair with the data team", body, StringComparison.Ordinal);
        }
        Assert.Equal(GoalStatus.Done, await Bot.WithDbAsync(db => db.Set<GoalRecord>().OrderBy(g => g.Id).Select(g => g.Status).FirstAsync()));

        using var volunteer = await Bot.PostCommandAsync(Command("/buddy", "volunteer", "r-buddy"));
        Assert.Contains("Thank you!", await volunteer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await Bot.PostCommandAsync(Command("/buddy", "volunteer", "r-buddy2"));
        Assert.Contains("already a volunteer", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
