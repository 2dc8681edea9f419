using System.Text.Json;
using System.Text.RegularExpressions;

namespace LearningBot.Slack.Tests;

/// <summary>
/// The help and hint texts as Slack gets them: in mrkdwn "&lt;" starts a link or mention, so every other "&lt;", "&gt;"
/// and "&amp;" must arrive escaped, and the placeholders must be there in italics.
/// </summary>
public sealed partial class HelpTextRenderingTests() : SlackBotTests()
{
    /// <summary>Mrkdwn's own markup: &lt;https://…|…&gt;, &lt;@U…&gt;, &lt;#C…&gt;, &lt;!here&gt;; any other "&lt;" is text Slack mangles.</summary>
    [GeneratedRegex(@"<(?!https?://|@|#|!)")]
    private static partial Regex UnescapedAngle();

    [Fact]
    public async Task Help_hints_and_usage_errors_keep_their_placeholders_in_Slack()
    {
        string[] texts = ["help", "refresher", "share", "circle", "kudos", "debrief Apollo", "/no-such-command", "tell me about <b>bold</b> & co"];
        for (var i = 0; i < texts.Length; i++)
        {
            var message = SlackPayloads.DirectMessage(texts[i]);
            message["ts"] = $"1700000000.00{i:00}00";
            message["event_ts"] = $"1700000000.00{i:00}00";
            await Bot.PostEventAsync(SlackPayloads.EventCallback(message, eventId: $"EvHelp{i}"));
            await Bot.ProcessedAsync();
        }

        var shown = Slack.CallsTo("chat.postMessage").SelectMany(c => Mrkdwn(c.Body)).ToList();
        Assert.True(shown.Count >= texts.Length, $"only {shown.Count} texts were posted");
        foreach (var text in shown)
        {
            Assert.False(UnescapedAngle().IsMatch(text), $"Slack would read markup in: {text}");
        }
        var all = string.Join("\n", shown);
        Assert.Contains("*refresher* _topic_", all, StringComparison.Ordinal);
        Assert.Contains("*share* _what you learned_", all, StringComparison.Ordinal);
        Assert.Contains("*circle create* _name_ *about* _topic_", all, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; co", all, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Mrkdwn(JsonElement body)
    {
        if (body.TryGetProperty("blocks", out var blocks))
        {
            return Texts(blocks);
        }
        return body.TryGetProperty("text", out var text) ? [text.GetString()!] : [];
    }

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("type", out var type) && type.GetString() == "mrkdwn" => [element.GetProperty("text").GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Texts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        _ => [],
    };
}
