using LearningBot.Core.Modules;

namespace LearningBot.Core.Circles;

/// <summary>The rules for <see cref="CircleOptions"/>.</summary>
internal sealed class CircleOptionsValidator : OptionsRules<CircleOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(CircleOptions options)
    {
        yield return (options.CheckInLead > options.RoundUpLead && options.RoundUpLead >= TimeSpan.Zero, "LearningBot:Circles:CheckInLead must be longer than RoundUpLead, and RoundUpLead zero or more.");
        yield return (options.MissedBeforeAskingToPause >= 1, "LearningBot:Circles:MissedBeforeAskingToPause must be at least 1.");
        yield return (options.CheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Circles:CheckInterval must be at least 10 seconds.");
    }
}
