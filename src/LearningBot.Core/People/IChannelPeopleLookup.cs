using LearningBot.Core.Conversations;

namespace LearningBot.Core.People;

/// <summary>
/// Asks a channel about one of its users — name, Entra object id, email — from a conversation the bot is in
/// (Teams: <c>GET v3/conversations/{id}/members/{userId}</c>, where the id may be a 29: id, a UPN or an Entra object id;
/// Slack: <c>users.info</c>). One implementation per channel.
/// </summary>
public interface IChannelPeopleLookup
{
    ChannelKind Channel { get; }

    /// <summary>The user, or null when the channel does not know them or will not say; never throws for that.</summary>
    Task<ChannelUser?> FindAsync(ConversationReferenceRecord where, string userId, CancellationToken cancellationToken);
}
