using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Growth;

/// <summary>
/// Whether a person shares what they have been learning with their manager. Other features reach it through this
/// interface (<c>share my learning with my manager</c> is typed where "share" is recognition's command).
/// </summary>
public interface ILearningSharing
{
    /// <summary>Turns sharing on or off for the person; the answer to show them.</summary>
    Task<string> SetAsync(Guid personId, bool share, CancellationToken cancellationToken);
}

/// <summary>
/// The buttons of development check-ins — held, agreed goal (confirmed by the report), snooze — the report's
/// <c>checkin</c>, and the sharing choice. Each click counts once: conditional updates on the check-in's row.
/// </summary>
public sealed class DevelopmentService(LearningBotDbContext db, OutboxWriter outbox, GoalService goals, DevelopmentCheckInScheduler scheduler, TimeProvider clock) : ILearningSharing
{
    public const int SnoozeDays = 7;

    public async Task<string> SetAsync(Guid personId, bool share, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var preference = await db.Set<GrowthPreferenceRecord>().SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (preference is null)
        {
            preference = new GrowthPreferenceRecord { PersonId = personId };
            db.Set<GrowthPreferenceRecord>().Add(preference);
        }
        preference.ShareLearningWithManager = share;
        preference.UpdatedAt = now;
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        return share
            ? "Done — your manager's check-in cards will list the lessons you've been practising. **share my learning with my manager off** takes it back."
            : "Done — your learning stays with you; your manager's check-in cards won't show it.";
    }

    /// <summary>Switches a manager's monthly check-in cards on or off; the answer to show them.</summary>
    public async Task<string> MonthlyCardsAsync(Guid personId, bool on, CancellationToken cancellationToken)
    {
        var preference = await db.Set<GrowthPreferenceRecord>().SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (preference is null)
        {
            preference = new GrowthPreferenceRecord { PersonId = personId };
            db.Set<GrowthPreferenceRecord>().Add(preference);
        }
        preference.NoMonthlyCheckIns = !on;
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        return on
            ? "Monthly check-in cards are on: one per direct report on your first working day of the month."
            : "Done — no more monthly check-in cards. Your reports can still ask for a conversation (**checkin**); **checkin cards on** brings the cards back.";
    }

    /// <summary>A report asks for a growth conversation: their manager gets the preparation card now (once a day).</summary>
    public async Task<Reply> AskAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var me = await db.People.AsNoTracking().SingleAsync(p => p.Id == turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (me.ManagerPersonId is not { } managerId)
        {
            return Reply.WithText("I don't know who your manager is yet — the people directory sets that. Your goals are here meanwhile: **goals**.");
        }
        var manager = await db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.Id == managerId, cancellationToken).ConfigureAwait(false);
        if (manager.Accounts.Count == 0)
        {
            return Reply.WithText($"I can't reach {manager.DisplayName} in chat yet; they need to open LearningBot once.");
        }
        var zone = (await PersonCalendar.ForAsync(db, me, cancellationToken).ConfigureAwait(false)).Zone;
        var period = "ask-" + LocalCalendar.LocalDate(clock.GetUtcNow(), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var checkIn = new DevelopmentCheckInRecord { ManagerPersonId = managerId, ReportPersonId = me.Id, Period = period, CreatedAt = clock.GetUtcNow() };
        db.Set<DevelopmentCheckInRecord>().Add(checkIn);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return Reply.WithText($"I've already let {manager.DisplayName} know today.");
        }
        scheduler.Prompt(checkIn, manager.Accounts.OrderBy(a => a.Id).First().Channel);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.WithText($"I've asked {manager.DisplayName} to find time for a growth conversation with you, with your goals to hand. Good idea to think about what you'd like to get better at next!");
    }

    public async Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Data.GetValueOrDefault(DevelopmentCards.CheckInKey), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Reply.WithText("That card is out of date.");
        }
        var now = clock.GetUtcNow();
        var mine = action.Verb is GrowthVerbs.ConfirmGoal or GrowthVerbs.DeclineGoal
            ? db.Set<DevelopmentCheckInRecord>().Where(c => c.Id == id && c.ReportPersonId == turn.PersonId)
            : db.Set<DevelopmentCheckInRecord>().Where(c => c.Id == id && c.ManagerPersonId == turn.PersonId);
        var checkIn = await mine.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (checkIn is null)
        {
            return Reply.WithText("That card is not yours, or it is out of date.");
        }
        var reportName = await db.People.AsNoTracking().Where(p => p.Id == checkIn.ReportPersonId).Select(p => p.DisplayName).SingleAsync(cancellationToken).ConfigureAwait(false);
        switch (action.Verb)
        {
            case GrowthVerbs.Held:
                var held = await mine.Where(c => c.HeldAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.HeldAt, now).SetProperty(c => c.SnoozedUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
                return Updated("Growth conversation", held == 1 ? $"Noted: you've had your growth conversation with {reportName}. Thank you for making time for it." : $"Already noted as held with {reportName}.");
            case GrowthVerbs.Snooze:
                var until = now.AddDays(SnoozeDays);
                var snoozed = await mine.Where(c => c.HeldAt == null && c.SnoozedUntil == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.SnoozedUntil, until).SetProperty(c => c.Snoozes, c => c.Snoozes + 1), cancellationToken).ConfigureAwait(false);
                return Updated("Growth conversation", snoozed == 1 ? $"Snoozed — I'll bring {reportName}'s card back in a week." : "Already snoozed or held.");
            case GrowthVerbs.AgreeGoal:
                var goal = action.Data.GetValueOrDefault(DevelopmentCards.AgreedGoalInput)?.Trim() ?? "";
                if (GoalService.Problem(goal, null) is { } problem)
                {
                    return new Reply { Messages = [OutboundMessage.FromText(problem)], FieldErrors = new Dictionary<string, string> { [DevelopmentCards.AgreedGoalInput] = problem } };
                }
                var report = await db.ChannelAccounts.AsNoTracking().Where(a => a.PersonId == checkIn.ReportPersonId).OrderBy(a => a.Id).Select(a => (ChannelKind?)a.Channel).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (report is null)
                {
                    return Reply.WithText($"I can't reach {reportName} in chat yet, so they can't confirm the goal; they need to open LearningBot once.");
                }
                // One agreed goal per conversation: the first note wins, and the report is asked once.
                var noted = await mine.Where(c => c.AgreedGoal == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreedGoal, goal).SetProperty(c => c.HeldAt, c => c.HeldAt ?? now), cancellationToken).ConfigureAwait(false);
                if (noted != 1)
                {
                    return Updated("Growth conversation", $"You've already noted an agreed goal with {reportName}.");
                }
                outbox.Add($"growth:confirm:{id.ToString(CultureInfo.InvariantCulture)}", DevelopmentCheckInScheduler.ConfirmGoalKind, report.Value, checkIn.ReportPersonId, id.ToString(CultureInfo.InvariantCulture));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return Updated("Growth conversation", $"Noted. I've asked {reportName} to confirm **{goal}** — it becomes their goal when they do.");
            default:
                var confirm = action.Verb == GrowthVerbs.ConfirmGoal;
                var answered = await mine.Where(c => c.AgreedGoalAnsweredAt == null && c.AgreedGoal != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreedGoalAnsweredAt, now), cancellationToken).ConfigureAwait(false);
                if (answered != 1)
                {
                    return Updated("A goal you agreed", "You've already answered this one.");
                }
                var managerChannel = await db.ChannelAccounts.AsNoTracking().Where(a => a.PersonId == checkIn.ManagerPersonId).OrderBy(a => a.Id).Select(a => (ChannelKind?)a.Channel).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (!confirm)
                {
                    if (managerChannel is { } c)
                    {
                        outbox.AddText($"growth:declined:{id.ToString(CultureInfo.InvariantCulture)}", c, checkIn.ManagerPersonId,
                            $"{reportName} says the goal you noted (\"{checkIn.AgreedGoal}\") isn't quite what you agreed — worth a word next time you talk.");
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    }
                    return Updated("A goal you agreed", "Thanks — I haven't added it, and I've let your manager know it needs another look.");
                }
                var added = await goals.AddAsync(turn.PersonId, checkIn.AgreedGoal!, null, "checkin", cancellationToken).ConfigureAwait(false);
                if (added.Changed)
                {
                    var goalId = await db.Set<GoalRecord>().Where(g => g.PersonId == turn.PersonId && g.OpenKey == GoalRules.Key(checkIn.AgreedGoal!)).Select(g => g.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreedGoalId, goalId), cancellationToken).ConfigureAwait(false);
                }
                return Updated("A goal you agreed", added.Changed ? $"Added to your goals: **{checkIn.AgreedGoal}**. **goals** shows them all." : added.Message);
        }
    }

    private static Reply Updated(string title, string text) => new() { UpdatedCard = new Card { Title = title, Body = [new TextElement(text)] } };
}

/// <summary>
/// "checkin": ask your manager for a growth conversation; "checkin share" / "checkin private": what they see; for managers
/// "checkin cards off|on": the monthly cards.
/// </summary>
public sealed class CheckInCommand(DevelopmentService development) : ICommandHandler
{
    public string Name => "checkin";
    public string Description => "ask your manager for a growth conversation; **share my learning with my manager** lets them see what you practise";
    public string Usage => "**checkin**";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Trim().ToLowerInvariant() switch
        {
            "share" or "share on" => Reply.WithText(await development.SetAsync(turn.PersonId, true, cancellationToken).ConfigureAwait(false)),
            "private" or "share off" => Reply.WithText(await development.SetAsync(turn.PersonId, false, cancellationToken).ConfigureAwait(false)),
            "cards on" => Reply.WithText(await development.MonthlyCardsAsync(turn.PersonId, true, cancellationToken).ConfigureAwait(false)),
            "cards off" or "stop" => Reply.WithText(await development.MonthlyCardsAsync(turn.PersonId, false, cancellationToken).ConfigureAwait(false)),
            _ => await development.AskAsync(turn, cancellationToken).ConfigureAwait(false),
        };
    }
}
