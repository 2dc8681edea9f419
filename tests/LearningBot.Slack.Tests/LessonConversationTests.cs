using System.Text.Json;

namespace LearningBot.Slack.Tests;

/// <summary>Whole Slack conversations with the real knowledge handler and the repository's lessons.</summary>
public sealed class LessonConversationTests() : SlackBotTests(lessons: true)
{
    [Fact]
    public async Task A_dm_question_gets_the_right_lesson_posted_as_block_kit()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("how do I give feedback to a peer without it getting awkward")));
        await Bot.ProcessedAsync();

        var post = Assert.Single(Slack.CallsTo("chat.postMessage"));
        var blocks = post.Body.GetProperty("blocks");
        Assert.Equal("Giving feedback to a peer without the awkwardness", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.StartsWith("Giving feedback to a peer without the awkwardness", post.Arg("text"), StringComparison.Ordinal);
        Assert.True(blocks.GetArrayLength() <= 50);
    }

    [Fact]
    public async Task Slash_refresher_answers_the_refresher_card_inside_the_ack()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/refresher", "giving feedback", Slack.ResponseUrl()));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.StartsWith("Refresher: ", body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(Slack.CallsTo("response_url:r1"));
    }

    [Fact]
    public async Task The_open_lesson_button_on_an_answer_works_when_pressed_in_slack()
    {
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("how do I give feedback to a peer without it getting awkward")));
        await Bot.ProcessedAsync();
        var answer = Assert.Single(Slack.CallsTo("chat.postMessage"));
        var button = answer.Body.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .First(e => e.GetProperty("text").GetProperty("text").GetString() == "Open full lesson");

        await Bot.PostInteractionAsync(SlackPayloads.BlockAction(button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString()!, Slack.ResponseUrl("r-open")));
        await Bot.ProcessedAsync();

        var posts = Slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        var lesson = posts[1].Body.GetProperty("blocks");
        Assert.Contains("Giving feedback to a peer without the awkwardness", lesson[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(lesson.GetArrayLength() <= 50);
    }
}
