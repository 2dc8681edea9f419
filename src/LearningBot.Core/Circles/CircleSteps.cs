using LearningBot.Core.Kernel;

namespace LearningBot.Core.Circles;

/// <summary>The steps circle cards act on.</summary>
internal static class CircleSteps
{
    /// <summary>A round takes check-ins until its round-up has gone out; the round-up claims the round once.</summary>
    public static readonly CardStep<CircleRoundRecord> CheckingIn = new(r => r.RoundUpSentAt == null);
}
