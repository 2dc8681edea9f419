using System.Text.RegularExpressions;

namespace LearningBot.Core.Conversations;

/// <summary>Removes the markup of people's mentions from command arguments; who was mentioned comes from <see cref="Turn.Mentions"/>.</summary>
public static partial class MentionText
{
    /// <summary>Drops Teams &lt;at&gt;Name&lt;/at&gt;, Slack &lt;@U…|name&gt; and plain @name words, and tidies spaces.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = Markup().Replace(text, " ");
        return Spaces().Replace(stripped, " ").Trim();
    }

    [GeneratedRegex(@"<at>.*?</at>|<@[^>]+>|(?<=^|\s)@[\w.\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
