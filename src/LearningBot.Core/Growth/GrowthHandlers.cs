using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Growth;

/// <summary>"goals" (your goals, with buttons), "goals add …", "goals update N …", "goals progress N …", "goals done N", "goals drop N".</summary>
public sealed class GoalsCommand(GoalService goals, PrivateReplies replies) : ICommandHandler
{
    public string Name => "goals";
    public string Description => "your development goals: **goals**, **goals add** _what you want to learn_, **goals done** _number_";
    public string Usage => "**goals** add, update, progress, done or drop";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!PrivateReplies.SeenBySenderOnly(turn))
        {
            return await replies.ToSenderAsync(turn, "Your goals are private to you and your manager — type **goals** here in our chat.", cancellationToken).ConfigureAwait(false);
        }
        var parts = MentionText.Strip(arguments).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        var rest = parts.Length > 1 ? parts[1] : "";
        GoalChange change;
        switch (verb)
        {
            case "":
            case "list":
                return await ListAsync(turn.PersonId, null, cancellationToken).ConfigureAwait(false);
            case "add" or "new" when rest.Length == 0:
                return Reply.WithCard(GrowthCards.AddGoalForm());
            case "add" or "new":
                change = await goals.AddAsync(turn.PersonId, rest, null, "self", cancellationToken).ConfigureAwait(false);
                break;
            case "done" or "complete" or "drop" or "update" or "progress":
                var numbered = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (numbered.Length == 0 || await goals.NumberedAsync(turn.PersonId, numbered[0], cancellationToken).ConfigureAwait(false) is not { } id)
                {
                    return Reply.WithText($"Which goal? Give its number from **goals**, e.g. **goals {verb} 1**{(verb is "update" or "progress" ? " _new words_" : "")}.");
                }
                var words = numbered.Length > 1 ? numbered[1] : "";
                change = verb switch
                {
                    "done" or "complete" => await goals.CloseAsync(turn.PersonId, id, GoalStatus.Done, cancellationToken).ConfigureAwait(false),
                    "drop" => await goals.CloseAsync(turn.PersonId, id, GoalStatus.Dropped, cancellationToken).ConfigureAwait(false),
                    _ when words.Length == 0 => new GoalChange(false, $"Add the {(verb == "update" ? "new wording" : "progress")} after the number, e.g. **goals {verb} 1** _…_"),
                    "update" => await goals.UpdateAsync(turn.PersonId, id, words, null, cancellationToken).ConfigureAwait(false),
                    _ => await goals.UpdateAsync(turn.PersonId, id, null, words, cancellationToken).ConfigureAwait(false),
                };
                break;
            default:
                return Reply.WithText("Try **goals** to see yours, **goals add** _what you want to learn_, **goals update 1** _new words_, **goals progress 1** _how it's going_, **goals done 1** or **goals drop 1**.");
        }
        return change.Changed ? await ListAsync(turn.PersonId, change.Message, cancellationToken).ConfigureAwait(false) : Reply.WithText(change.Message);
    }

    internal async Task<Reply> ListAsync(Guid personId, string? note, CancellationToken cancellationToken)
    {
        var open = await goals.OpenAsync(personId, cancellationToken).ConfigureAwait(false);
        var done = await goals.RecentlyDoneAsync(personId, 90, cancellationToken).ConfigureAwait(false);
        return Reply.WithCard(GrowthCards.Goals(open, done, note));
    }
}

/// <summary>"buddy volunteer" (be a learning buddy for new hires), "buddy stop", "buddy" (what you are signed up for).</summary>
public sealed class BuddyCommand(LearningBotDbContext db, TimeProvider clock) : ICommandHandler
{
    public string Name => "buddy";
    public string Description => "be a learning buddy for new hires: **buddy volunteer**, **buddy stop**";
    public string Usage => "**buddy** volunteer or stop";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var verb = arguments.Trim().ToLowerInvariant();
        switch (verb)
        {
            case "volunteer" or "yes" or "join":
                db.Set<BuddyVolunteerRecord>().Add(new BuddyVolunteerRecord { PersonId = turn.PersonId, VolunteeredAt = clock.GetUtcNow() });
                return Reply.WithText(await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false)
                    ? "Thank you! I'll introduce you to a new hire when one starts — you can say **buddy stop** any time, or pass on any introduction."
                    : "You're already a volunteer learning buddy — thank you. **buddy stop** takes you off the list.");
            case "stop" or "leave" or "no":
                var removed = await db.Set<BuddyVolunteerRecord>().Where(v => v.PersonId == turn.PersonId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                return Reply.WithText(removed > 0 ? "Done — no new buddy introductions for you. Thank you for helping!" : "You aren't on the buddy list; **buddy volunteer** signs you up.");
            default:
                var volunteering = await db.Set<BuddyVolunteerRecord>().AnyAsync(v => v.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
                var buddyOf = await db.Set<OnboardingJourneyRecord>().Where(j => j.BuddyPersonId == turn.PersonId && j.FinishedAt == null && !j.Stopped)
                    .Join(db.People, j => j.PersonId, p => p.Id, (_, p) => p.DisplayName).ToListAsync(cancellationToken).ConfigureAwait(false);
                var mine = await db.Set<OnboardingJourneyRecord>().Where(j => j.PersonId == turn.PersonId && j.BuddyPersonId != null)
                    .Join(db.People, j => j.BuddyPersonId, p => p.Id, (_, p) => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var lines = new List<string>
                {
                    volunteering ? "You're a volunteer learning buddy (**buddy stop** to leave the list)." : "Learning buddies help new hires find their feet. **buddy volunteer** signs you up.",
                };
                if (buddyOf.Count > 0)
                {
                    lines.Add("You're the buddy of " + string.Join(", ", buddyOf) + ".");
                }
                if (mine is not null)
                {
                    lines.Add($"Your learning buddy is {mine}.");
                }
                return Reply.WithText(string.Join(' ', lines));
        }
    }
}

/// <summary>The buttons of the goals card and forms and of the journey's cards.</summary>
public sealed class GrowthCardActions(GoalService goals, GoalsCommand list, OnboardingService onboarding, DevelopmentService development) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
    [
        GrowthVerbs.GoalForm, GrowthVerbs.AddGoal, GrowthVerbs.UpdateGoal, GrowthVerbs.CompleteGoal, GrowthVerbs.SaveOnboardingGoals,
        GrowthVerbs.SubmitCheckIn, GrowthVerbs.NotNow, GrowthVerbs.StopJourney, GrowthVerbs.PassBuddy,
        GrowthVerbs.AgreeGoal, GrowthVerbs.Held, GrowthVerbs.Snooze, GrowthVerbs.ConfirmGoal, GrowthVerbs.DeclineGoal, GrowthVerbs.StopMonthly,
    ];

    public async Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        string Field(string id) => action.Data.GetValueOrDefault(id)?.Trim() ?? "";
        switch (action.Verb)
        {
            case GrowthVerbs.GoalForm:
                var open = await goals.OpenAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
                return Field("form") switch
                {
                    "update" when open.Count > 0 => Reply.WithCard(GrowthCards.UpdateGoalForm(open)),
                    "done" when open.Count > 0 => Reply.WithCard(GrowthCards.CompleteGoalForm(open)),
                    _ => Reply.WithCard(GrowthCards.AddGoalForm()),
                };
            case GrowthVerbs.AddGoal:
                var added = await goals.AddAsync(turn.PersonId, Field(GrowthCards.GoalInput), Field(GrowthCards.TopicInput), "self", cancellationToken).ConfigureAwait(false);
                return added.Changed || added.Message.Contains("already", StringComparison.Ordinal)
                    ? Updated(await list.ListAsync(turn.PersonId, added.Message, cancellationToken).ConfigureAwait(false))
                    : new Reply { UpdatedCard = GrowthCards.AddGoalForm(added.Message), FieldErrors = new Dictionary<string, string> { [GrowthCards.GoalInput] = added.Message } };
            case GrowthVerbs.UpdateGoal or GrowthVerbs.CompleteGoal:
                if (!long.TryParse(Field(GrowthCards.GoalIdInput), NumberStyles.None, CultureInfo.InvariantCulture, out var goalId))
                {
                    var current = await goals.OpenAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
                    const string pick = "Choose a goal.";
                    return new Reply
                    {
                        UpdatedCard = action.Verb == GrowthVerbs.UpdateGoal ? GrowthCards.UpdateGoalForm(current, pick) : GrowthCards.CompleteGoalForm(current, pick),
                        FieldErrors = new Dictionary<string, string> { [GrowthCards.GoalIdInput] = pick },
                    };
                }
                var change = action.Verb == GrowthVerbs.CompleteGoal
                    ? await goals.CloseAsync(turn.PersonId, goalId, GoalStatus.Done, cancellationToken).ConfigureAwait(false)
                    : await goals.UpdateAsync(turn.PersonId, goalId, Field(GrowthCards.GoalInput), Field(GrowthCards.ProgressInput), cancellationToken).ConfigureAwait(false);
                return Updated(await list.ListAsync(turn.PersonId, change.Message, cancellationToken).ConfigureAwait(false));
            case GrowthVerbs.SaveOnboardingGoals:
                return await onboarding.SaveGoalsAsync(turn, action, cancellationToken).ConfigureAwait(false);
            case GrowthVerbs.SubmitCheckIn:
                return await onboarding.SubmitCheckInAsync(turn, action, cancellationToken).ConfigureAwait(false);
            case GrowthVerbs.StopJourney:
                return await onboarding.StopAsync(turn, cancellationToken).ConfigureAwait(false);
            case GrowthVerbs.PassBuddy:
                return await onboarding.PassAsBuddyAsync(turn, action, cancellationToken).ConfigureAwait(false);
            case GrowthVerbs.StopMonthly:
                return new Reply { UpdatedCard = new Cards.Card { Title = "Monthly check-in cards", Body = [new Cards.TextElement(await development.MonthlyCardsAsync(turn.PersonId, false, cancellationToken).ConfigureAwait(false))] } };
            case GrowthVerbs.AgreeGoal or GrowthVerbs.Held or GrowthVerbs.Snooze or GrowthVerbs.ConfirmGoal or GrowthVerbs.DeclineGoal:
                return await development.HandleAsync(turn, action, cancellationToken).ConfigureAwait(false);
            default:
                return OnboardingService.NotNow();
        }
    }

    /// <summary>The goals card replaces the form or card the person acted on.</summary>
    private static Reply Updated(Reply listed) => new() { UpdatedCard = listed.Messages[0].Card };
}
