using System.Collections.Concurrent;
using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Testing.Fakes;

/// <summary>One message the outbox handed to the channel: where, what, and the message id the channel gave it.</summary>
public sealed record RecordedSend(string MessageId, ConversationReferenceRecord Conversation, OutboundMessage Message);

/// <summary>
/// A channel that accepts every proactive message and remembers it, for the core's tests, which run without a channel
/// adapter. It keeps the composed <see cref="OutboundMessage"/> (card model and text), not a channel's rendering of it;
/// the channels' own tests deliver through their real messengers to the loopback fakes of Teams and Slack.
/// </summary>
public sealed class RecordingMessenger(ChannelKind channel) : IProactiveMessenger
{
    private readonly ConcurrentQueue<RecordedSend> _sent = new();
    private int _nextId;

    public ChannelKind Channel { get; } = channel;

    /// <summary>Every message sent so far, in order.</summary>
    public IReadOnlyList<RecordedSend> Sent => [.. _sent];

    public Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        var id = "sent-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _sent.Enqueue(new RecordedSend(id, conversation, message));
        return Task.FromResult(id);
    }

    public Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens the 1:1 chat "a:opened-&lt;user id&gt;" in the tenant of <paramref name="via"/>.</summary>
    public Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        return Task.FromResult(new ConversationReferenceRecord
        {
            Channel = Channel,
            ConversationId = $"a:opened-{userId}",
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = via.ServiceUrl,
            TenantId = via.TenantId,
            BotId = via.BotId,
        });
    }
}
