using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Outbound;

/// <summary>
/// A conversation the bot writes into: its service URL and id (in a channel, the thread's id as received). For an
/// inline reply it also names the activity answered, so each message goes from the bot to the person who wrote.
/// </summary>
internal sealed record TeamsConversation(string ServiceUrl, string ConversationId)
{
    public Activity? ReplyingTo { get; init; }

    public static TeamsConversation Stored(ConversationReferenceRecord conversation) =>
        new(conversation.ServiceUrl, conversation.ConversationId);

    /// <summary>The conversation an activity came from; the endpoint has checked it names a service URL and a conversation id.</summary>
    public static TeamsConversation Of(Activity inbound) =>
        new(inbound.ServiceUrl!, inbound.Conversation!.Id!) { ReplyingTo = inbound };

    /// <summary>An outbound activity addressed for this conversation: a reply names its sender and recipient; a proactive message needs neither.</summary>
    public Activity Address(Activity outbound)
    {
        if (ReplyingTo is { } inbound)
        {
            outbound.From = inbound.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name } : null;
            outbound.Recipient = inbound.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name } : null;
            outbound.Conversation = new ConversationAccount { Id = inbound.Conversation?.Id };
        }
        return outbound;
    }
}
