using System.Text.Json.Nodes;

namespace LearningBot.Slack.Inbound;

/// <summary>What Slack is answered within its 3 s: a body (null: an empty ack), or that the payload was not understood.</summary>
public readonly record struct SlackAck(JsonObject? Body, bool Understood = true)
{
    public static SlackAck Empty => new(null);

    public static SlackAck NotUnderstood => new(null, Understood: false);
}
