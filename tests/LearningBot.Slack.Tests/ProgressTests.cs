using System.Net;
using System.Text.Json;

namespace LearningBot.Slack.Tests;

/// <summary>/progress in Slack: my learning, answered inside the ack and seen by the asker only.</summary>
public sealed class ProgressTests : SlackBotTests
{
    [Fact]
    public async Task Slash_progress_answers_my_learning_ephemerally()
    {
        using var response = await Bot.PostCommandAsync(SlackPayloads.Command("/progress", "", Slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        var text = body.RootElement.GetRawText();
        Assert.Contains("My learning", text, StringComparison.Ordinal);
        Assert.Contains("Quiz streak: 0", text, StringComparison.Ordinal);
        Assert.Contains("Kudos received: 0", text, StringComparison.Ordinal);
    }
}
