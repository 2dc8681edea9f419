namespace LearningBot.Core.Recognition;

public enum DigestCadence
{
    Weekly,
    Daily,
}
