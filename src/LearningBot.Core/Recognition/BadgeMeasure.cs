namespace LearningBot.Core.Recognition;

/// <summary>What a badge counts towards its threshold.</summary>
public enum BadgeMeasure
{
    RecognitionsGiven,
    RecognitionsReceived,
    /// <summary>Current daily-quiz streak.</summary>
    QuizStreak,
    /// <summary>Learning shares with at least one endorsement.</summary>
    EndorsedShares,
}
