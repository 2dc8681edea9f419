namespace LearningBot.Core.Circles;

public enum CircleCadence
{
    Weekly,
    Biweekly,
    Monthly,
}
