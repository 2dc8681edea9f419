using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LearningBot.Teams.Tests;

/// <summary>
/// Every help and hint text — the welcome card, help, the unknown-command card and the usage errors of every command —
/// as the Connector receives it, read the way Teams reads it: "&lt;" before a letter starts markup that Teams drops,
/// so such text must not reach it, and the placeholders must still be there.
/// </summary>
public sealed partial class HelpTextRenderingTests
{
    /// <summary>What the Teams client drops from a TextBlock or a markdown message: anything that looks like an HTML tag.</summary>
    [GeneratedRegex(@"<[A-Za-z/!?][^>]*>")]
    private static partial Regex TeamsMarkup();

    private static readonly string[] UsageErrors =
    [
        "refresher", "kudos", "kudos for nothing", "share", "circle", "circle create", "circle join", "debrief Apollo",
        "leaderboard sideways", "quiz nonsense", "experts here", "learning channel here", "/no-such-command", "help",
    ];

    [Fact]
    public async Task Welcome_help_hints_and_usage_errors_keep_their_placeholders_in_Teams()
    {
        await using var bot = await ProductionBot.StartAsync();
        var install = TestActivities.Base("installationUpdate", bot.Connector.ServiceUrl, id: "f:install").With("action", "add");
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(install)).StatusCode);
        var id = 0;
        foreach (var text in UsageErrors)
        {
            Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message(text, id: $"17000000000{id++:00}"))).StatusCode);
        }

        var texts = bot.Connector.Requests.Where(r => r.Method == "POST" && r.Body is not null).SelectMany(r => Texts(r.Body!.Value)).ToList();
        Assert.True(texts.Count > UsageErrors.Length, $"only {texts.Count} texts reached the Connector");
        foreach (var text in texts)
        {
            Assert.False(TeamsMarkup().IsMatch(text), $"Teams would drop '{TeamsMarkup().Match(text).Value}' from: {text}");
        }
        var all = string.Join("\n", texts);
        Assert.Contains("**refresher** _topic_", all, StringComparison.Ordinal);
        Assert.Contains("**share** _what you learned_", all, StringComparison.Ordinal);
        Assert.Contains("**debrief** _project_ _@people…_ **by** _yyyy-mm-dd_", all, StringComparison.Ordinal);
        Assert.Contains("**circle create** _name_ **about** _topic_ _@people_ **weekly** _day_ _HH:mm_", all, StringComparison.Ordinal);
        Assert.Contains("I don't know the command \"no-such-command\"", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_looks_like_markup_is_shown_as_typed()
    {
        await using var bot = await ProductionBot.StartAsync();

        // The test question handler echoes the question on its card: "You asked: …".
        await bot.PostAsync(bot.Message("is <script> or <b>bold</b> a tag?"));

        var shown = Assert.Single(bot.Connector.Requests).Card!.Value.GetProperty("body")[1].GetProperty("text").GetString()!;
        Assert.False(TeamsMarkup().IsMatch(shown), shown);
        Assert.Equal("You asked: is <script> or <b>bold</b> a tag?", shown.Replace("\u2060", "", StringComparison.Ordinal));
    }

    /// <summary>The texts Teams renders: the message's text and every TextBlock, fact and subtitle of its cards.</summary>
    internal static IEnumerable<string> Texts(JsonElement activity)
    {
        if (activity.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            yield return text.GetString()!;
        }
        if (!activity.TryGetProperty("attachments", out var attachments))
        {
            yield break;
        }
        foreach (var attachment in attachments.EnumerateArray())
        {
            foreach (var value in Strings(JsonNode.Parse(attachment.GetProperty("content").GetRawText())))
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "TextBlock" => [(string?)o["text"] ?? ""],
        JsonObject o when o["title"] is JsonValue && o["value"] is JsonValue && o["type"] is null => [(string?)o["title"] ?? "", (string?)o["value"] ?? ""],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };
}
