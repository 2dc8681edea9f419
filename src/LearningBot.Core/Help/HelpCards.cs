using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Core.Help;

/// <summary>Verbs of the help and welcome cards.</summary>
public static class HelpVerbs
{
    public const string Show = "help.show";
}

/// <summary>The welcome card (sent once per conversation) and the help card.</summary>
public static class HelpCards
{
    public const string ExampleQuestion = "How do I give feedback to a peer without it getting awkward?";

    public static Card Welcome(bool inChannel) => new()
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
                "- **quiz**: short daily quizzes at your local time, spaced so you remember\n" +
                "- **kudos**: recognise a colleague who helped you learn\n" +
                "- **circle** and **debrief**: peer learning circles and post-project debriefs"),
            new TextElement($"Try it: _{ExampleQuestion}_") { Subtle = true },
        ],
        Actions =
        [
            CardAction.Submit("Try that question", Knowledge.KnowledgeVerbs.Ask, new Dictionary<string, string> { ["question"] = ExampleQuestion }, primary: true),
            CardAction.Submit("Show all commands", HelpVerbs.Show),
        ],
    };

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
