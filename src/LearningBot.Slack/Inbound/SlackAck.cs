using System.Text.Json.Nodes;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// What Slack is answered within its 3 s: a body (null: an empty ack), that the payload was not understood, or that the
/// bot has no room for it now (<see cref="NoRoom"/>: HTTP 503, and no ack over Socket Mode, so Slack retries an event
/// and shows the person an error for a click or a form).
/// </summary>
public readonly record struct SlackAck(JsonObject? Body, bool Understood = true)
{
    public static SlackAck Empty => new(null);

    public static SlackAck NotUnderstood => new(null, Understood: false);

    /// <summary>The work queue stayed full for the whole ack budget: the payload is not taken.</summary>
    public static SlackAck Busy => new(null) { NoRoom = true };

    /// <summary>The payload was not taken because the work queue was full; it must not be acknowledged as done.</summary>
    public bool NoRoom { get; init; }
}
