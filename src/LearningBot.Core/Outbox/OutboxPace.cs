using Microsoft.Extensions.Configuration;

namespace LearningBot.Core.Outbox;

/// <summary>How fast the outbox may write to one channel: messages per second in all, and into one conversation.</summary>
public sealed record OutboxPace(double MessagesPerSecond, int MessagesPerConversationPerSecond)
{
    /// <summary>For a channel that registered no pace (its rows find no messenger either): one message a second.</summary>
    public static OutboxPace Unregistered { get; } = new(1, 1);

    /// <summary>
    /// A channel's pace as bound from its own section (<paramref name="bound"/>), where that section leaves a key out
    /// taken from <c>LearningBot:Outbox</c>, which kept the pace before: <c>{formerPrefix}MessagesPerSecond</c> and
    /// <c>{formerPrefix}MessagesPerConversationPerSecond</c>. Older settings keep working; a key in the new place wins.
    /// </summary>
    public static OutboxPace WithFormerOutboxKeys(IConfiguration configuration, string channelSection, string formerPrefix, OutboxPace bound)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(bound);
        var channel = configuration.GetSection(channelSection);
        var former = configuration.GetSection(OutboxOptions.Section);
        T Read<T>(string key, T value) => channel[key] is null ? former.GetValue(formerPrefix + key, value)! : value;
        return new(
            Read(nameof(MessagesPerSecond), bound.MessagesPerSecond),
            Read(nameof(MessagesPerConversationPerSecond), bound.MessagesPerConversationPerSecond));
    }
}
