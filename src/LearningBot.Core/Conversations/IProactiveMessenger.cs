using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Core.Conversations;

/// <summary>
/// Writes into a stored conversation without an inbound turn (quizzes, digests, prompts). One implementation per
/// channel; the outbox chooses it by <see cref="Channel"/>. Failures are reported as <see cref="ProactiveDeliveryException"/>.
/// </summary>
public interface IProactiveMessenger
{
    ChannelKind Channel { get; }

    /// <summary>Sends a message; returns the channel's id of the new message (to update its card later).</summary>
    Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces the card of a message the bot sent earlier.</summary>
    Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a 1:1 chat with a person the bot has not chatted with yet (Teams: <c>POST v3/conversations</c>; Slack:
    /// <c>conversations.open</c>), reaching them through <paramref name="via"/>, a conversation the bot already has in
    /// the same tenant or workspace. Returns the new chat, not yet stored.
    /// </summary>
    Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken);
}

/// <summary>Why a proactive delivery failed, in the terms a retrying sender needs.</summary>
public sealed class ProactiveDeliveryException : Exception
{
    public ProactiveDeliveryException(string message, bool permanent, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Permanent = permanent;
        RetryAfter = retryAfter;
    }

    public ProactiveDeliveryException()
    {
    }

    public ProactiveDeliveryException(string message)
        : base(message)
    {
    }

    public ProactiveDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Retrying will not help (the bot was removed, the conversation is gone): give up and mark the conversation.</summary>
    public bool Permanent { get; }

    /// <summary>When the channel asked to wait before the next try (429 Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
