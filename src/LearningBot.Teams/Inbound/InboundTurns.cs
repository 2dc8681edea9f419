using LearningBot.Core.Conversations;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// What an activity asks of the bot: the turns it stands for and the answer Teams waits for on the HTTP response.
/// None for an activity LearningBot does not act on, one per reaction for <c>messageReaction</c>, one for an invoke.
/// </summary>
public sealed record InboundTurns(IReadOnlyList<Turn> Turns, ExpectedAnswer Answer)
{
    /// <summary>Why an invoke's value could not become a turn (then <see cref="Turns"/> is empty).</summary>
    public string? Malformed { get; init; }
}

/// <summary>How Teams expects an activity to be answered on its HTTP response (teams-protocol.md §1.2, §4.3, §4.4).</summary>
public enum ExpectedAnswer
{
    /// <summary>A plain 200: replies, if any, go to the conversation through the Connector.</summary>
    Acknowledgement,
    /// <summary>An <c>adaptiveCard/action</c> invoke: an invoke response with a card or a message for the person who acted.</summary>
    CardActionResponse,
    /// <summary>A message action's invoke: a dialog to open (task "continue") or a message to show (task "message").</summary>
    MessageActionResponse,
    /// <summary>An invoke nobody handles: 501 (§4.4).</summary>
    NotImplemented,
}
