using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Inbound;

/// <summary>What a message's mention entities mean for a turn: the bot's own mention is addressing, the others are people (§4.1).</summary>
internal static class BotMentions
{
    /// <summary>
    /// Removes mentions of the bot like the BF SDK's RemoveRecipientMention (§4.1): for each mention entity naming the
    /// recipient, remove its text (or &lt;at&gt;name&lt;/at&gt;) case-insensitively, then trim.
    /// </summary>
    public static string TextWithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in ActivityEntities.Mentions(activity))
        {
            if (botId is null || !string.Equals(mention.MentionedId, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var mentionText = mention.Text ?? (mention.MentionedName is { } name ? $"<at>{name}</at>" : null);
            if (!string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, "", StringComparison.OrdinalIgnoreCase);
            }
        }
        return text.Trim();
    }

    /// <summary>True when a mention entity names the recipient, the bot (§4.1).</summary>
    public static bool MentionsBot(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        return botId is not null && ActivityEntities.Mentions(activity).Any(m => string.Equals(m.MentionedId, botId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The people a message mentions, other than the bot, in order and once each.</summary>
    public static IReadOnlyList<ChannelUser> MentionedPeople(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        return [.. ActivityEntities.Mentions(activity)
            .Where(m => !string.IsNullOrEmpty(m.MentionedId) && !string.Equals(m.MentionedId, botId, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(m => m.MentionedId, StringComparer.OrdinalIgnoreCase)
            .Select(m => new ChannelUser(m.MentionedId!, m.MentionedName ?? "") { TenantId = ActivityOrigin.TenantId(activity), IsBot = ActivityOrigin.IsBotId(m.MentionedId) })];
    }
}
