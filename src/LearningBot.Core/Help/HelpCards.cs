using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Core.Help;

/// <summary>Verbs of the help and welcome cards.</summary>
public static class HelpVerbs
{
    public const string Show = "help.show";
}

/// <summary>What a feature offers the person greeted by the welcome card of their 1:1 chat: a sentence and its buttons.</summary>
public sealed record WelcomeOffer(string Text, IReadOnlyList<CardAction> Actions);

/// <summary>A feature that offers something on the welcome card of a 1:1 chat, for the person greeted (daily quizzes: start or not now).</summary>
public interface IWelcomeOffer
{
    /// <summary>The offer for this person, or null for none.</summary>
    Task<WelcomeOffer?> OfferAsync(Turn turn, CancellationToken cancellationToken);
}

/// <summary>The welcome card (sent once per conversation) and the help card.</summary>
public static class HelpCards
{
    public const string ExampleQuestion = "How do I give feedback to a peer without it getting awkward?";

    /// <param name="inChannel">The card greets a channel or group chat rather than one person.</param>
    /// <param name="offers">What features offer the person greeted in a 1:1 chat (daily quizzes), below the list.</param>
    public static Card Welcome(bool inChannel, IReadOnlyList<WelcomeOffer>? offers = null) => new()
    {
        Title = "Hi, I'm LearningBot 👋",
        Subtitle = "Learning in the flow of work — right here in chat.",
        Body =
        [
            new TextElement(inChannel
                ? "Mention me with a question and I'll answer from your organisation's microlessons. Here's what I can do:"
                : "Ask me anything about how we work and I'll answer from your organisation's microlessons. Here's what I can do:"),
            new TextElement(
                "- **Just-in-time answers**: ask a question in your own words and get the right two-minute lesson\n" +
                "- **refresher** _topic_: a quick refresher card before a meeting or a call\n" +
                "- **quiz**: a quick question now, and daily quizzes at your local time if you want them\n" +
                "- **kudos**: recognise a colleague who helped you learn\n" +
                "- **circle** and **debrief**: peer learning circles and post-project debriefs"),
            .. Offered(offers).Select(o => new TextElement(o.Text)),
            new TextElement($"Try it: _{ExampleQuestion}_") { Subtle = true },
        ],
        Actions =
        [
            CardAction.Submit("Try that question", Knowledge.KnowledgeVerbs.Ask, new Dictionary<string, string> { ["question"] = ExampleQuestion }, primary: true),
            .. Offered(offers).SelectMany(o => o.Actions.Take(MaxOfferActions)),
            CardAction.Submit("Show all commands", HelpVerbs.Show),
        ],
    };

    // A card has room for a few buttons: at most two offers of two buttons each beside the welcome's own two.
    private const int MaxOffers = 2;
    private const int MaxOfferActions = 2;

    private static IEnumerable<WelcomeOffer> Offered(IReadOnlyList<WelcomeOffer>? offers) => (offers ?? []).Take(MaxOffers);

    public static Card Help(IEnumerable<ICommandHandler> commands) => new()
    {
        Title = "What I can do",
        Body =
        [
            new TextElement("Ask a question in your own words — for example _how do I run a useful 1:1?_ — or use a command:"),
            new TextElement(string.Join("\n", commands.Select(c => $"- {c.Usage} — {c.Description}"))),
            new TextElement("In a channel or group chat, @mention me first.") { Subtle = true },
        ],
    };
}
