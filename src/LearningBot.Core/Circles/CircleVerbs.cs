namespace LearningBot.Core.Circles;

/// <summary>The card-action verbs of learning circles.</summary>
public static class CircleVerbs
{
    public const string CheckIn = "circle.checkin";
    /// <summary>The "create a circle" form's button: inputs name, topic, cadence, day, time.</summary>
    public const string Create = "circle.create";
    public const string Pause = "circle.pause";
}
