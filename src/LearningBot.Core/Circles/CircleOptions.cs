namespace LearningBot.Core.Circles;

/// <summary>LearningBot:Circles — when check-ins and round-ups go out relative to the meeting.</summary>
public sealed class CircleOptions
{
    public const string Section = "LearningBot:Circles";

    /// <summary>How long before the meeting members get their check-in card.</summary>
    public TimeSpan CheckInLead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long before the meeting the round-up goes to the circle's conversation.</summary>
    public TimeSpan RoundUpLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Check-ins ignored in a row before a member is asked, kindly, whether to pause.</summary>
    public int MissedBeforeAskingToPause { get; set; } = 3;

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool SchedulingEnabled { get; set; } = true;
}

public static class CircleVerbs
{
    public const string CheckIn = "circle.checkin";
    /// <summary>The "create a circle" form's button: inputs name, topic, cadence, day, time.</summary>
    public const string Create = "circle.create";
    public const string Pause = "circle.pause";
}

public enum CircleCadence
{
    Weekly,
    Biweekly,
    Monthly,
}
