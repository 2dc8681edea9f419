using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Growth;

/// <summary>
/// What people do with the journey's cards: save their 30-day goals (shared with their manager), send a check-in (its
/// summary goes to their manager), pass as a buddy (another is found), "not now" and "stop". Every button is safe to
/// press twice: a unique key or a conditional update lets the first press count.
/// </summary>
public sealed class OnboardingService(
    LearningBotDbContext db,
    OutboxWriter outbox,
    GoalService goals,
    BuddyMatcher buddies,
    IOptions<GrowthOptions> options,
    TimeProvider clock,
    ILogger<OnboardingService> logger)
{
    public async Task<Reply> SaveGoalsAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var entered = new List<(string Goal, string? Topic)>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i <= GrowthCards.OnboardingGoalCount; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var goal = action.Data.GetValueOrDefault(GrowthCards.GoalInput + n)?.Trim() ?? "";
            var topic = action.Data.GetValueOrDefault(GrowthCards.TopicInput + n)?.Trim();
            if (goal.Length == 0)
            {
                continue;
            }
            if (GoalService.Problem(goal, topic) is { } problem)
            {
                errors[GrowthCards.GoalInput + n] = problem;
            }
            entered.Add((goal, string.IsNullOrEmpty(topic) ? null : topic));
        }
        if (entered.Count == 0)
        {
            errors[GrowthCards.GoalInput + "1"] = "Write at least one goal.";
        }
        if (errors.Count > 0)
        {
            return new Reply { UpdatedCard = GrowthCards.OnboardingGoals(options.Value.GoalsText, errors.Values.First()), FieldErrors = errors };
        }
        var now = clock.GetUtcNow();
        var journeyExists = await db.Set<OnboardingJourneyRecord>().AnyAsync(j => j.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        var strategy = db.Database.CreateExecutionStrategy();
        var saved = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            if (journeyExists && !await GrowthSteps.GoalsUnset.TryMoveOnAsync(db.Set<OnboardingJourneyRecord>().Where(j => j.PersonId == turn.PersonId),
                    set => set.SetProperty(j => j.GoalsSetAt, now), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            foreach (var (goal, topic) in entered)
            {
                await goals.AddAsync(turn.PersonId, goal, topic, "onboarding", cancellationToken).ConfigureAwait(false);
            }
            if (await ManagerChannelAsync(turn.PersonId, cancellationToken).ConfigureAwait(false) is { } manager)
            {
                outbox.Add($"growth:{turn.PersonId:N}:goals-shared", OnboardingScheduler.GoalsSharedKind, manager.Channel, manager.Id, turn.PersonId.ToString("N"));
                await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        var open = await goals.OpenAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (!saved)
        {
            return new Reply { UpdatedCard = GrowthCards.Goals(open, [], "Your 30-day goals are already saved — change them here any time.") };
        }
        Log.GoalsSet(logger, turn.PersonId, entered.Count);
        var managerName = await db.People.AsNoTracking().Where(p => p.Id == turn.PersonId && p.ManagerPersonId != null)
            .Join(db.People, p => p.ManagerPersonId, m => m.Id, (_, m) => m.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            UpdatedCard = GrowthCards.Goals(open, [], managerName is null ? "Saved — good luck!" : $"Saved — I've shared them with {managerName}. Good luck!"),
        };
    }

    public async Task<Reply> SubmitCheckInAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!int.TryParse(action.Data.GetValueOrDefault(GrowthCards.DayKey), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return Reply.WithText("That check-in card is out of date; I'll send a fresh one on your next check-in day.");
        }
        var open = await goals.OpenAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        string Field(string id) => WellFormedText.IsWellFormed(action.Data.GetValueOrDefault(id)) ? action.Data.GetValueOrDefault(id)?.Trim() ?? "" : "";
        var progress = open.Select(g => (Goal: g, Note: Field(GrowthCards.ProgressOf(g.Id)))).ToList();
        var hard = WellFormedText.Cut(Field(GrowthCards.HardInput), 1000);
        var helped = WellFormedText.Cut(Field(GrowthCards.HelpedInput), 1000);
        if (progress.All(p => p.Note.Length == 0) && hard.Length == 0 && helped.Length == 0)
        {
            return new Reply
            {
                UpdatedCard = GrowthCards.CheckIn(day, open, "Write a line in any box — or press **Not now**."),
                FieldErrors = new Dictionary<string, string> { [GrowthCards.HardInput] = "Write a line in any box, or press Not now." },
            };
        }
        var now = clock.GetUtcNow();
        db.Set<OnboardingCheckInRecord>().Add(new OnboardingCheckInRecord
        {
            PersonId = turn.PersonId,
            Day = day,
            Progress = WellFormedText.Cut(string.Join('\n', progress.Select(p => $"{Flat(p.Goal.Text)}\t{(p.Note.Length == 0 ? "—" : Flat(p.Note))}")), 3000),
            Hard = hard,
            Helped = helped,
            SubmittedAt = now,
        });
        foreach (var (goal, note) in progress.Where(p => p.Note.Length > 0))
        {
            var tracked = await db.Set<GoalRecord>().SingleAsync(g => g.Id == goal.Id, cancellationToken).ConfigureAwait(false);
            tracked.Progress = WellFormedText.Cut(note, 1000);
            tracked.UpdatedAt = now;
        }
        var manager = await ManagerChannelAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (manager is { } m)
        {
            outbox.Add($"growth:{turn.PersonId:N}:summary:{day.ToString(CultureInfo.InvariantCulture)}", OnboardingScheduler.SummaryKind, m.Channel, m.Id,
                $"{turn.PersonId:N}:{day.ToString(CultureInfo.InvariantCulture)}");
        }
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Reply { UpdatedCard = Done($"Day {day} check-in", "Your check-in is already in — thank you!") };
        }
        Log.CheckedIn(logger, turn.PersonId, day);
        return new Reply { UpdatedCard = Done($"Day {day} check-in", manager is null ? "Thank you — noted." : "Thank you! I've passed a summary to your manager so they know how to help.") };
    }

    private static string Flat(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');

    /// <summary>"Not now" on a journey card: the card says so, nothing else changes.</summary>
    public static Reply NotNow() =>
        new() { UpdatedCard = Done("Not now", "No problem. **goals** shows and changes your goals whenever you like; I'll check in again later.") };

    public async Task<Reply> StopAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var now = clock.GetUtcNow();
        await db.Set<OnboardingJourneyRecord>().Where(j => j.PersonId == turn.PersonId && !j.Stopped)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Stopped, true).SetProperty(j => j.FinishedAt, now), cancellationToken).ConfigureAwait(false);
        Log.Stopped(logger, turn.PersonId);
        return new Reply { UpdatedCard = Done("Onboarding messages stopped", "Done — no more onboarding messages from me. Ask me anything any time, and **goals** still keeps your goals.") };
    }

    public async Task<Reply> PassAsBuddyAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!Guid.TryParseExact(action.Data.GetValueOrDefault(GrowthCards.HireKey), "N", out var hireId))
        {
            return Reply.WithText("That card is out of date.");
        }
        var buddy = turn.PersonId.ToString("N");
        var strategy = db.Database.CreateExecutionStrategy();
        var (passed, found, hireName) = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var moved = await db.Set<OnboardingJourneyRecord>().Where(j => j.PersonId == hireId && j.BuddyPersonId == turn.PersonId)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.BuddyPersonId, (Guid?)null)
                    .SetProperty(j => j.PassedBuddies, j => j.PassedBuddies == "" ? buddy : j.PassedBuddies + "," + buddy), cancellationToken).ConfigureAwait(false);
            if (moved != 1)
            {
                return (false, false, "");
            }
            var journey = await db.Set<OnboardingJourneyRecord>().SingleAsync(j => j.PersonId == hireId, cancellationToken).ConfigureAwait(false);
            var hire = await db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.Id == hireId, cancellationToken).ConfigureAwait(false);
            var next = hire.Accounts.Count == 0 ? null : await buddies.FindAsync(hire, journey, cancellationToken).ConfigureAwait(false);
            if (next is { } n && !journey.Stopped)
            {
                BuddyMatcher.Introduce(outbox, journey, n.PersonId, n.Channel, hire.Accounts.OrderBy(a => a.Id).First().Channel, null);
            }
            else
            {
                // Nobody free now: the journey looks again on its next run.
                journey.DoneSteps = string.Join(',', journey.DoneSteps.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(s => s != OnboardingStep.Buddy));
                journey.FinishedAt = null;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (true, next is not null, hire.DisplayName);
        }).ConfigureAwait(false);
        if (!passed)
        {
            return new Reply { UpdatedCard = Done("Learning buddy", "You've already passed on this one — thank you for saying so.") };
        }
        Log.BuddyPassed(logger, hireId, turn.PersonId, found);
        return new Reply
        {
            UpdatedCard = Done("Learning buddy", found
                ? $"Thanks for letting me know — I've found {hireName} another buddy. Maybe next time!"
                : $"Thanks for letting me know — I'll find {hireName} another buddy as soon as someone is free."),
        };
    }

    private async Task<(Guid Id, ChannelKind Channel)?> ManagerChannelAsync(Guid personId, CancellationToken cancellationToken)
    {
        var managerId = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.ManagerPersonId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (managerId is null)
        {
            return null;
        }
        var channels = await db.ChannelAccounts.AsNoTracking().Where(a => a.PersonId == managerId).OrderBy(a => a.Id).Select(a => a.Channel).ToListAsync(cancellationToken).ConfigureAwait(false);
        return channels.Count == 0 ? null : (managerId.Value, channels[0]);
    }

    private static Card Done(string title, string text) => new() { Title = title, Body = [new TextElement(text)] };
}
