namespace LearningBot.Core.Conversations;

/// <summary>A command a person can type: "help", "refresher phishing", "/quiz".</summary>
public interface ICommandHandler
{
    /// <summary>The command word, lower case, without a slash.</summary>
    string Name { get; }

    /// <summary>One line for the help card: what the command does.</summary>
    string Description { get; }

    /// <summary>
    /// Shown on the help card, in the card Markdown subset: the words to type in bold, placeholders in italics, e.g.
    /// "**refresher** _topic_". Never angle brackets: Teams takes "&lt;topic&gt;" for markup and drops it.
    /// </summary>
    string Usage => $"**{Name}**";

    Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken);
}

/// <summary>Handles the card buttons whose verb it owns.</summary>
public interface ICardActionHandler
{
    /// <summary>Verbs this handler answers, e.g. "lesson.open".</summary>
    IReadOnlyCollection<string> Verbs { get; }

    Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken);
}

/// <summary>Reacts to reactions (recognition uses them).</summary>
public interface IReactionHandler
{
    /// <summary>
    /// Whether this handler acts on the reaction (its base name, e.g. "mortar_board"). Channels ask before any work
    /// for the turn (a Web API call, the retry dedupe), since every emoji on every message reaches the bot.
    /// </summary>
    bool ActsOn(string reaction) => true;

    Task<Reply> HandleAsync(Turn turn, ReactionChange reaction, CancellationToken cancellationToken);
}

/// <summary>Answers free text that is not a command.</summary>
public interface IQuestionHandler
{
    Task<Reply> HandleAsync(Turn turn, string question, CancellationToken cancellationToken);
}

/// <summary>Takes the files shared with a message (the course builder offers to draft lessons from a document).</summary>
public interface ISharedFileHandler
{
    Task<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken);
}

/// <summary>Greets a conversation the bot has just joined.</summary>
public interface IWelcomeHandler
{
    Task<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken);
}
