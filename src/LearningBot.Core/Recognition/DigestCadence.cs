namespace LearningBot.Core.Recognition;

/// <summary>How often the shout-out digest is posted to a learning channel.</summary>
public enum DigestCadence
{
    Weekly,
    Daily,
}
