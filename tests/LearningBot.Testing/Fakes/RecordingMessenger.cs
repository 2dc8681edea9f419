using System.Collections.Concurrent;
using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Testing.Fakes;

/// <summary>One message the outbox handed to the channel: where, what, and the message id the channel gave it.</summary>
public sealed record RecordedSend(string MessageId, ConversationReferenceRecord Conversation, OutboundMessage Message)
{
    /// <summary>The conversation it went to.</summary>
    public string ConversationId => Conversation.ConversationId;

    /// <summary>The card, when the message is one.</summary>
    public Card? Card => Message.Card;
}

/// <summary>
/// A channel that accepts every proactive message and remembers it, for the core's tests, which run without a channel
/// adapter. It keeps the composed <see cref="OutboundMessage"/> (card model and text), not a channel's rendering of it;
/// the channels' own tests deliver through their real messengers to the loopback fakes of Teams and Slack.
/// </summary>
public sealed class RecordingMessenger(ChannelKind channel) : IProactiveMessenger
{
    private readonly ConcurrentQueue<RecordedSend> _sent = new();
    private readonly ConcurrentQueue<string> _opened = new();
    private int _nextId;
    private int _failures;

    public ChannelKind Channel { get; } = channel;

    /// <summary>Every message sent so far, in order.</summary>
    public IReadOnlyList<RecordedSend> Sent => [.. _sent];

    /// <summary>The user ids a 1:1 chat was opened with, in order.</summary>
    public IReadOnlyList<string> Opened => [.. _opened];

    /// <summary>The id of the 1:1 chat <see cref="OpenPersonalAsync"/> opens with <paramref name="userId"/>.</summary>
    public static string OpenedChat(string userId) => $"a:opened-{userId}";

    /// <summary>The next <paramref name="count"/> sends fail as a channel under load would (temporarily, so the outbox retries).</summary>
    public void FailNext(int count) => Interlocked.Add(ref _failures, count);

    public Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new ProactiveDeliveryException("503 ServiceUnavailable (planned failure)", permanent: false);
        }
        Interlocked.Exchange(ref _failures, 0);
        var id = "sent-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _sent.Enqueue(new RecordedSend(id, conversation, message));
        return Task.FromResult(id);
    }

    public Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens the 1:1 chat <see cref="OpenedChat"/> in the tenant of <paramref name="via"/>.</summary>
    public Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        _opened.Enqueue(userId);
        return Task.FromResult(new ConversationReferenceRecord
        {
            Channel = Channel,
            ConversationId = OpenedChat(userId),
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = via.ServiceUrl,
            TenantId = via.TenantId,
            BotId = via.BotId,
        });
    }
}
