using LearningBot.Core.Modules;

namespace LearningBot.Core.Outbox;

/// <summary>The rules for <see cref="OutboxOptions"/>.</summary>
internal sealed class OutboxOptionsValidator : OptionsRules<OutboxOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(OutboxOptions options)
    {
        yield return (options.MessagesPerSecond is > 0 and < 50, "LearningBot:Outbox:MessagesPerSecond must be above 0 and below 50 (Teams allows 50 per tenant).");
        yield return (options.MessagesPerConversationPerSecond is >= 1 and <= 7, "LearningBot:Outbox:MessagesPerConversationPerSecond must be from 1 to 7 (Teams allows 7).");
        yield return (options.SlackMessagesPerSecond > 0 && options.SlackMessagesPerConversationPerSecond >= 1, "LearningBot:Outbox:SlackMessagesPerSecond must be above 0 and SlackMessagesPerConversationPerSecond at least 1.");
        yield return (options.MaxAttempts >= 1, "LearningBot:Outbox:MaxAttempts must be at least 1.");
        yield return (options.Lease >= TimeSpan.FromSeconds(30), "LearningBot:Outbox:Lease must be at least 30 seconds, longer than one send with its retries.");
    }
}
