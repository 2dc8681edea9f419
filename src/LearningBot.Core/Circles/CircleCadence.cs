namespace LearningBot.Core.Circles;

/// <summary>How often a learning circle meets.</summary>
public enum CircleCadence
{
    Weekly,
    Biweekly,
    Monthly,
}
