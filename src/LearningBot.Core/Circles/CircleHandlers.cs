using LearningBot.Core.Conversations;

namespace LearningBot.Core.Circles;

/// <summary>"circle create …", "circle join|leave|skip|pause|resume &lt;name&gt;", "circle" (your circles).</summary>
public sealed class CircleCommand(CircleService circles) : ICommandHandler
{
    public string Name => "circle";
    public string Description => "peer learning circles: circle create <name> about <topic> @people weekly <day> <HH:mm>; circle join <name>";
    public string Usage => "circle create|join|leave|skip|pause|resume";

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parts = arguments.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        var rest = parts.Length > 1 ? MentionText.Strip(parts[1]) : "";
        return verb switch
        {
            "create" or "new" or "start" => circles.CreateAsync(turn, parts.Length > 1 ? parts[1] : "", cancellationToken),
            "join" => circles.JoinAsync(turn, rest.Trim('"'), cancellationToken),
            "leave" or "skip" or "pause" or "resume" => circles.ChangeMembershipAsync(turn, verb, rest.Trim('"'), cancellationToken),
            _ => circles.ListAsync(turn, cancellationToken),
        };
    }
}

/// <summary>The check-in card's button.</summary>
public sealed class CircleCardActions(CircleService circles) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [CircleVerbs.CheckIn];

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken) =>
        circles.CheckInAsync(turn, action, cancellationToken);
}
