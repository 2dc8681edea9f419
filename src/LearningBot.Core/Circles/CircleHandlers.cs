using LearningBot.Core.Conversations;
using LearningBot.Core.People;

namespace LearningBot.Core.Circles;

/// <summary>"circle create …", "circle join|leave|skip|pause|resume &lt;name&gt;", "circle" (your circles).</summary>
public sealed class CircleCommand(CircleService circles) : ICommandHandler
{
    public string Name => "circle";
    public string Description => "peer learning circles: **circle create** _name_ **about** _topic_ _@people_ **weekly** _day_ _HH:mm_; **circle join** _name_";
    public string Usage => "**circle** create, join, leave, skip, pause or resume";

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parts = arguments.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        var rest = parts.Length > 1 ? MentionText.Strip(parts[1]) : "";
        return verb switch
        {
            "create" or "new" or "start" when parts.Length == 1 && turn.Conversation.Type != ConversationType.Personal =>
                Task.FromResult(Reply.WithCard(CircleCards.CreateForm())),
            "create" or "new" or "start" => circles.CreateAsync(turn, parts.Length > 1 ? parts[1] : "", cancellationToken),
            "join" => circles.JoinAsync(turn, rest.Trim('"'), cancellationToken),
            "leave" or "skip" or "pause" or "resume" => circles.ChangeMembershipAsync(turn, verb, rest.Trim('"'), cancellationToken),
            _ => circles.ListAsync(turn, cancellationToken),
        };
    }
}

/// <summary>The check-in card's button, and the create form's.</summary>
public sealed class CircleCardActions(CircleService circles, PersonDirectory people) : ICardActionHandler
{
    private static readonly string[] RequiredFormFields = ["name", "topic", "cadence", "day", "time"];

    public IReadOnlyCollection<string> Verbs { get; } = [CircleVerbs.CheckIn, CircleVerbs.Create];

    public async Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Verb != CircleVerbs.Create)
        {
            return await circles.CheckInAsync(turn, action, cancellationToken).ConfigureAwait(false);
        }
        string Field(string id) => action.Data.GetValueOrDefault(id)?.Trim() ?? "";
        var missing = RequiredFormFields.Where(f => Field(f).Length == 0).ToList();
        if (missing.Count > 0)
        {
            return Reply.WithText($"Please fill in {string.Join(", ", missing)} — then press **Create circle** again.");
        }
        var (members, _) = await people.ResolvePickedAsync(turn, Field(CircleCards.MembersInput), CircleCards.MaxPickedMembers, cancellationToken).ConfigureAwait(false);
        // The form says the same as the command, so both share one set of rules and messages.
        var pairs = Field(CircleCards.PairsInput) == "yes" ? " with pairs" : "";
        return await circles.CreateAsync(turn, $"{Field("name")} about {Field("topic")} {Field("cadence")} {Field("day")} {Field("time")}{pairs}", cancellationToken, members).ConfigureAwait(false);
    }
}
