using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// Who an activity comes from and where: the sender, the conversation (a channel thread counts as its channel), the
/// tenant and the sender's time zone, as a <see cref="Turn"/> names them (teams-protocol.md §1.1).
/// </summary>
internal static class ActivityOrigin
{
    public static ChannelUser User(Activity activity) =>
        new(activity.From?.Id ?? "", activity.From?.Name ?? "")
        {
            AadObjectId = activity.From?.AadObjectId,
            TenantId = TenantId(activity),
            IsBot = IsBotId(activity.From?.Id),
        };

    public static TurnConversation Conversation(Activity activity)
    {
        var conversation = activity.Conversation;
        var type = conversation?.ConversationType switch
        {
            "personal" => ConversationType.Personal,
            "groupChat" => ConversationType.GroupChat,
            "channel" => ConversationType.Channel,
            _ when activity.ChannelData?.Channel?.Id is not null => ConversationType.Channel,
            _ when conversation?.IsGroup == true => ConversationType.GroupChat,
            _ => ConversationType.Personal,
        };
        return new TurnConversation(WithoutThread(conversation?.Id ?? ""), type)
        {
            TeamId = activity.ChannelData?.Team?.Id,
            TenantId = TenantId(activity),
        };
    }

    /// <summary>
    /// A channel thread's id is the channel id plus ";messageid=&lt;root&gt;" (§1.1). The core keeps one conversation per
    /// channel, so the turn names the channel; replies still go to the id as received (the thread).
    /// </summary>
    public static string WithoutThread(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    /// <summary>Newer payloads carry conversation.tenantId, older ones only channelData.tenant.id (§1.1).</summary>
    public static string? TenantId(Activity activity) =>
        NullIfEmpty(activity.Conversation?.TenantId) ?? NullIfEmpty(activity.ChannelData?.Tenant?.Id);

    /// <summary>The activity's own localTimezone first, then the clientInfo entity's, when it was read.</summary>
    public static string? TimeZone(Activity activity, ClientInfo? clientInfo) =>
        NullIfEmpty(activity.LocalTimezone) ?? NullIfEmpty(clientInfo?.TimeZone);

    /// <summary>Bot accounts in Teams have ids starting "28:" (users "29:", §1.1).</summary>
    public static bool IsBotId(string? id) => id?.StartsWith("28:", StringComparison.Ordinal) == true;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
