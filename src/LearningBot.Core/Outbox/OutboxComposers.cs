using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;

namespace LearningBot.Core.Outbox;

/// <summary>
/// Turns an outbox row of one <see cref="Kind"/> into the message to send, at send time (so a card shows the
/// current state), and learns the channel's message id once it is sent.
/// </summary>
public interface IOutboxComposer
{
    string Kind { get; }

    /// <summary>What the message is, in the words of the person it was posted for, for the notice when it finally fails ("your shoutout").</summary>
    string Describes => "your message";

    /// <summary>The message, or null when there is nothing to send any more (the row is then closed as failed).</summary>
    Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken);

    Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken);
}

/// <summary>Plain text kept in the row's payload.</summary>
public sealed class TextOutboxComposer : IOutboxComposer
{
    public const string TextKind = "text";

    public string Kind => TextKind;

    public Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Task.FromResult<OutboundMessage?>(OutboundMessage.FromText(message.Payload));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}
