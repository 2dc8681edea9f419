using LearningBot.Core.Cards;
using LearningBot.Core.Help;

namespace LearningBot.Core.Conversations;

/// <summary>
/// Sends each turn to the one handler that owns it: typed commands by name, card buttons by verb, free text to
/// the question handler. Two handlers claiming the same command or verb is a programming error, reported when
/// the router is built (at start-up), not when a person happens to type it.
/// </summary>
public sealed class TurnRouter
{
    private readonly Dictionary<string, ICommandHandler> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICardActionHandler> _actions = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IReactionHandler> _reactions;
    private readonly IQuestionHandler _questions;
    private readonly IWelcomeHandler _welcome;
    private readonly ISharedFileHandler? _files;

    public TurnRouter(
        IEnumerable<ICommandHandler> commands,
        IEnumerable<ICardActionHandler> actions,
        IEnumerable<IReactionHandler> reactions,
        IQuestionHandler questions,
        IWelcomeHandler welcome,
        IEnumerable<ISharedFileHandler>? files = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var command in commands)
        {
            if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Any(char.IsWhiteSpace) || command.Name.StartsWith('/'))
            {
                throw new InvalidOperationException($"Command name '{command.Name}' of {command.GetType().Name} must be one word without a slash.");
            }
            if (!_commands.TryAdd(command.Name, command))
            {
                throw new InvalidOperationException(
                    $"Command '{command.Name}' is claimed by both {_commands[command.Name].GetType().Name} and {command.GetType().Name}.");
            }
        }
        foreach (var handler in actions)
        {
            foreach (var verb in handler.Verbs)
            {
                if (!_actions.TryAdd(verb, handler))
                {
                    throw new InvalidOperationException(
                        $"Card action verb '{verb}' is claimed by both {_actions[verb].GetType().Name} and {handler.GetType().Name}.");
                }
            }
        }
        _reactions = [.. reactions];
        _questions = questions;
        _welcome = welcome;
        var fileHandlers = files?.ToList() ?? [];
        if (fileHandlers.Count > 1)
        {
            throw new InvalidOperationException($"Shared files are claimed by both {fileHandlers[0].GetType().Name} and {fileHandlers[1].GetType().Name}.");
        }
        _files = fileHandlers.FirstOrDefault();
    }

    /// <summary>The commands, in registration order, for help cards.</summary>
    public IEnumerable<ICommandHandler> Commands => _commands.Values;

    /// <summary>Whether any feature acts on this reaction; the others are dropped at the channel's edge.</summary>
    public bool HandlesReaction(string reaction) => _reactions.Any(r => r.ActsOn(reaction));

    public async Task<Reply> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        switch (turn.Kind)
        {
            case TurnKind.Installed:
                return await _welcome.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            case TurnKind.CardAction when turn.Action is { } action:
                return _actions.TryGetValue(action.Verb, out var actionHandler)
                    ? await actionHandler.HandleAsync(turn, action, cancellationToken).ConfigureAwait(false)
                    : Reply.WithText("That button no longer works — the card may be from an older version of LearningBot. Type **help** to see what I can do.");
            case TurnKind.Reaction when turn.Reaction is { } reaction:
                var messages = new List<OutboundMessage>();
                foreach (var handler in _reactions)
                {
                    messages.AddRange((await handler.HandleAsync(turn, reaction, cancellationToken).ConfigureAwait(false)).Messages);
                }
                return new Reply { Messages = messages };
            case TurnKind.Message when turn.Files.Count > 0 && turn.Conversation.Type == ConversationType.Personal && _files is not null:
                return await _files.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            case TurnKind.Message:
                return await RouteTextAsync(turn, cancellationToken).ConfigureAwait(false);
            default:
                return Reply.None;
        }
    }

    private async Task<Reply> RouteTextAsync(Turn turn, CancellationToken cancellationToken)
    {
        var text = turn.Text.Trim();
        if (text.Length == 0)
        {
            return Reply.WithText("Ask me a question, or type **help** to see what I can do.");
        }

        var slashed = text.StartsWith('/');
        var withoutSlash = slashed ? text[1..] : text;
        var split = withoutSlash.IndexOfAny([' ', '\t', '\n']);
        var word = split < 0 ? withoutSlash : withoutSlash[..split];
        var arguments = split < 0 ? "" : withoutSlash[(split + 1)..].Trim();

        if (_commands.TryGetValue(word, out var command))
        {
            return await command.HandleAsync(turn, arguments, cancellationToken).ConfigureAwait(false);
        }
        if (slashed)
        {
            return Reply.WithCard(UnknownCommandCard(word));
        }
        return await _questions.HandleAsync(turn, text, cancellationToken).ConfigureAwait(false);
    }

    private Card UnknownCommandCard(string word) => new()
    {
        Title = $"I don't know the command \"{word}\"",
        Body =
        [
            new TextElement("These are the commands I know:"),
            new TextElement(string.Join("\n", _commands.Values.Select(c => $"- {c.Usage} — {c.Description}"))),
            new TextElement("Or just ask a question in your own words.") { Subtle = true },
        ],
        Actions = [CardAction.Submit("Show help", HelpVerbs.Show)],
    };
}
