using LearningBot.Core.Modules;

namespace LearningBot.Core.Outbox;

/// <summary>The rules for <see cref="OutboxOptions"/>.</summary>
internal sealed class OutboxOptionsValidator : OptionsRules<OutboxOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(OutboxOptions options)
    {
        yield return (options.MaxAttempts >= 1, "LearningBot:Outbox:MaxAttempts must be at least 1.");
        yield return (options.Lease >= TimeSpan.FromSeconds(30), "LearningBot:Outbox:Lease must be at least 30 seconds, longer than one send with its retries.");
    }
}
