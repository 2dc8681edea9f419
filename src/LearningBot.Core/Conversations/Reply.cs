using LearningBot.Core.Cards;

namespace LearningBot.Core.Conversations;

/// <summary>What a feature answers to a turn: messages to send, and optionally a card replacing the one acted on.</summary>
public sealed record Reply
{
    public static readonly Reply None = new();

    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];

    /// <summary>For card actions: the card that replaces the one the person acted on (updated in place).</summary>
    public Card? UpdatedCard { get; init; }

    /// <summary>
    /// For a form sent back because of problems: each problem by input id. The updated card already shows them; a
    /// channel that can put errors on the form's own fields (a Slack modal) shows them there instead.
    /// </summary>
    public IReadOnlyDictionary<string, string>? FieldErrors { get; init; }

    public static Reply WithText(string text) => new() { Messages = [OutboundMessage.FromText(text)] };

    public static Reply WithCard(Card card) => new() { Messages = [OutboundMessage.FromCard(card)] };
}

/// <summary>One message: text or a card (never both, so a card can be updated in place — teams-protocol.md §4.3).</summary>
public sealed record OutboundMessage
{
    public string? Text { get; private init; }
    public Card? Card { get; private init; }

    public static OutboundMessage FromText(string text) => new() { Text = text };

    public static OutboundMessage FromCard(Card card) => new() { Card = card };

    /// <summary>
    /// The outbox row's idempotency key, the same on every attempt of that row: a channel that can find an earlier try of
    /// this very message (Slack: the key in the post's metadata) uses it not to post it twice. Null for turn replies.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>An earlier attempt of this outbox row failed and may have reached the channel anyway: look before posting again.</summary>
    public bool MayHaveBeenSent { get; init; }
}
