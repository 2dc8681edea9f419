using System.Collections.Concurrent;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Core.Tests.Knowledge;

/// <summary>One message the messenger was asked to send.</summary>
public sealed record SentMessage(string ConversationId, Card? Card, string? Text);

/// <summary>
/// The Teams side of the outbox for core tests, which see no channel adapter: records what the delivery worker sends
/// and which 1:1 chats it opens, and fails the next sends on request as a channel under load would (a temporary
/// failure, so the worker retries).
/// </summary>
public sealed class RecordingMessenger : IProactiveMessenger
{
    private readonly ConcurrentQueue<SentMessage> _sent = new();
    private readonly ConcurrentQueue<string> _opened = new();
    private int _failures;

    public ChannelKind Channel => ChannelKind.Teams;

    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    /// <summary>The user ids a 1:1 chat was opened with, in order.</summary>
    public IReadOnlyList<string> Opened => [.. _opened];

    /// <summary>The id of the 1:1 chat opened with <paramref name="userId"/>.</summary>
    public static string OpenedChat(string userId) => $"a:opened-{userId}";

    public void FailNext(int count) => Interlocked.Add(ref _failures, count);

    public Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new ProactiveDeliveryException("503 ServiceUnavailable (planned failure)", permanent: false);
        }
        Interlocked.Exchange(ref _failures, 0);
        _sent.Enqueue(new SentMessage(conversation.ConversationId, message.Card, message.Text));
        return Task.FromResult($"activity-{_sent.Count}");
    }

    public Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        _opened.Enqueue(userId);
        return Task.FromResult(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams,
            ConversationId = OpenedChat(userId),
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = via.ServiceUrl,
            TenantId = via.TenantId,
        });
    }
}
