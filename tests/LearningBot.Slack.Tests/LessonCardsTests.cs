using System.Text.Json;
using LearningBot.Core.Cards;

namespace LearningBot.Slack.Tests;

/// <summary>Refreshers, feedback and button titles in Slack, with the repository's lessons.</summary>
public sealed class LessonCardsTests() : SlackBotTests(lessons: true)
{
    private static IEnumerable<JsonElement> Buttons(JsonElement blocks) => blocks.EnumerateArray()
        .Where(b => b.GetProperty("type").GetString() == "actions").SelectMany(b => b.GetProperty("elements").EnumerateArray());

    private static IEnumerable<string> Strings(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [node.GetString()!],
        _ => [],
    };

    private async Task<JsonElement> AnswerAsync()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("how do I give feedback to a peer without it getting awkward")));
        await Bot.ProcessedAsync();
        return Assert.Single(Slack.CallsTo("chat.postMessage")).Body.GetProperty("blocks");
    }

    [Fact]
    public async Task A_refresher_shows_whole_key_points_and_the_answer_only_after_its_button()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/refresher", "giving feedback to a peer", Slack.ResponseUrl()));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var blocks = body.RootElement.GetProperty("blocks");
        var text = blocks.GetRawText();

        Assert.Contains("Check your aim. You want the work, or the collaboration, to go better.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Answer: ", text, StringComparison.Ordinal);
        var reveal = Buttons(blocks).Single(b => b.GetProperty("text").GetProperty("text").GetString() == "Show the answer");

        await Bot.PostInteractionAsync(SlackPayloads.BlockAction(reveal.GetProperty("action_id").GetString()!, reveal.GetProperty("value").GetString()!, Slack.ResponseUrl("r-reveal")));
        await Bot.ProcessedAsync();

        var updated = Assert.Single(Slack.Calls, c => c.Method is "chat.update" or "response_url:r-reveal");
        Assert.Contains("Answer: ", updated.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_thumbs_up_are_one_vote_and_every_button_title_fits()
    {
        var blocks = await AnswerAsync();
        var up = Buttons(blocks).Single(b => b.GetProperty("text").GetProperty("text").GetString()!.StartsWith("👍", StringComparison.Ordinal));
        Assert.All(Buttons(blocks), b => Assert.InRange(b.GetProperty("text").GetProperty("text").GetString()!.Length, 1, CardAction.MaxTitleLength));
        Assert.Contains(Buttons(blocks), b => b.GetProperty("text").GetProperty("text").GetString()!.StartsWith("See also: ", StringComparison.Ordinal));

        for (var i = 0; i < 2; i++)
        {
            var click = SlackPayloads.BlockAction(up.GetProperty("action_id").GetString()!, up.GetProperty("value").GetString()!, Slack.ResponseUrl($"r-up{i}"), triggerId: $"trigger-up{i}");
            click["actions"]![0]!["action_ts"] = $"170000000{i}.0001";
            await Bot.PostInteractionAsync(click);
            await Bot.ProcessedAsync();
        }

        var thanks = Slack.Calls.Where(c => c.Json is { } json && json.GetRawText().Contains("glad it helped", StringComparison.Ordinal)).ToList();
        Assert.Single(thanks);
        // The answer in the DM is redrawn once, saying which vote counts; the second click changes nothing.
        var redrawn = Slack.Calls.Where(c => c.Method is "chat.update" || c.Method.StartsWith("response_url:", StringComparison.Ordinal))
            .Where(c => c.Json is { } json && Strings(json).Any(t => t.Contains("Your vote: *👍 helpful*", StringComparison.Ordinal))).ToList();
        Assert.Single(redrawn);
    }
}
