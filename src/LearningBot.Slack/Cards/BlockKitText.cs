using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LearningBot.Slack.Cards;

/// <summary>
/// Text in Block Kit (slack-protocol.md §6): the card Markdown subset as Slack mrkdwn, text cut or split to a limit,
/// and the text objects and text blocks every surface is built from.
/// </summary>
public static partial class BlockKitText
{
    /// <summary>The card Markdown subset in Slack mrkdwn: &amp;, &lt;, &gt; escaped; **bold** → *bold*; [t](u) → &lt;u|t&gt;; "- " → "• ".</summary>
    public static string Mrkdwn(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Escape(markdown);
        text = LinkPattern().Replace(text, m => $"<{m.Groups[2].Value}|{m.Groups[1].Value}>");
        text = BoldPattern().Replace(text, "*$1*");
        text = BulletPattern().Replace(text, "• ");
        return text;
    }

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters, ending with "…" when something was cut.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LearningBot.Core.Kernel.WellFormedText.Cut(text, max);
    }

    /// <summary>Splits long text into pieces of at most <paramref name="max"/> characters, at a line break or space when there is one.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Length == 0 ? " " : text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }
            if (cut < max / 2)
            {
                cut = max;
            }
            yield return rest[..cut];
            rest = rest[cut..].TrimStart('\n', ' ');
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    internal static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = MrkdwnObject(mrkdwn) };

    internal static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnObject(Cut(mrkdwn, BlockKitRenderer.MaxSectionText))) };

    internal static JsonObject MrkdwnObject(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length == 0 ? " " : text, ["emoji"] = true };

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldPattern();

    [GeneratedRegex(@"^- ", RegexOptions.Multiline)]
    private static partial Regex BulletPattern();
}
