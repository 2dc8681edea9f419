using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Core.Outbox;

namespace LearningBot.Core.Outbox;

/// <summary>
/// Adds outbox rows to the caller's unit of work: the row is saved with the state change that caused it, in one
/// transaction, so the two never disagree. The idempotency key is unique; a second write of the same key fails
/// on save, which callers treat as "already done".
/// </summary>
public sealed class OutboxWriter(LearningBotDbContext db, TimeProvider clock)
{
    public OutboxMessageRecord Add(string idempotencyKey, string kind, ChannelKind channel, Guid personId, string payload = "", DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var now = clock.GetUtcNow();
        var message = new OutboxMessageRecord
        {
            IdempotencyKey = idempotencyKey,
            Kind = kind,
            Channel = channel,
            PersonId = personId,
            Payload = payload,
            CreatedAt = now,
            NotBefore = now,
            ExpiresAt = expiresAt,
        };
        db.Set<OutboxMessageRecord>().Add(message);
        return message;
    }

    /// <summary>
    /// A post into an explicit conversation (a channel) written for <paramref name="postedFor"/>, who is told in their
    /// 1:1 chat if it finally cannot be posted (the bot is not in that channel, or was removed from it).
    /// </summary>
    public OutboxMessageRecord AddToConversation(string idempotencyKey, string kind, ChannelKind channel, string conversationId, Guid? postedFor, string payload = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var message = Add(idempotencyKey, kind, channel, Guid.Empty, payload);
        message.PersonId = postedFor is { } person && person != Guid.Empty ? person : null;
        message.ConversationId = conversationId;
        return message;
    }

    public OutboxMessageRecord AddText(string idempotencyKey, ChannelKind channel, Guid personId, string text, DateTimeOffset? expiresAt = null) =>
        Add(idempotencyKey, TextOutboxComposer.TextKind, channel, personId, text, expiresAt);
}
