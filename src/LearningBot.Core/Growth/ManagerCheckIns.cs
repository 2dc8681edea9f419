using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Growth;

/// <summary>A person's growth choices: whether their manager may see what they have been learning.</summary>
public sealed class GrowthPreferenceRecord
{
    public Guid PersonId { get; set; }
    /// <summary>Set with <c>share my learning with my manager</c>; off by default.</summary>
    public bool ShareLearningWithManager { get; set; }
    /// <summary>A manager chose "Stop monthly cards" (<c>checkin cards off</c>): no monthly development check-in cards.</summary>
    public bool NoMonthlyCheckIns { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One development conversation a manager prepares with one direct report: made by the monthly prompt (period
/// "yyyy-MM") or by the report asking (<c>checkin</c>, period "ask-yyyy-MM-dd"). One per manager, report and period.
/// </summary>
public sealed class DevelopmentCheckInRecord
{
    public long Id { get; set; }
    public Guid ManagerPersonId { get; set; }
    public Guid ReportPersonId { get; set; }
    public required string Period { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HeldAt { get; set; }
    /// <summary>Snoozed: the prompt comes again at this time.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }
    /// <summary>How often it was snoozed; part of the next prompt's outbox key.</summary>
    public int Snoozes { get; set; }
    /// <summary>The goal the manager noted as agreed; the report confirms it on their own card.</summary>
    public string? AgreedGoal { get; set; }
    /// <summary>The goal made when the report confirmed (null until then).</summary>
    public long? AgreedGoalId { get; set; }
    public DateTimeOffset? AgreedGoalAnsweredAt { get; set; }
}

internal sealed class GrowthPreferenceConfiguration : IEntityTypeConfiguration<GrowthPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<GrowthPreferenceRecord> preference)
    {
        preference.ToTable("growth_preferences");
        preference.HasKey(p => p.PersonId);
    }
}

internal sealed class DevelopmentCheckInConfiguration : IEntityTypeConfiguration<DevelopmentCheckInRecord>
{
    public void Configure(EntityTypeBuilder<DevelopmentCheckInRecord> checkIn)
    {
        checkIn.ToTable("growth_development_check_ins");
        checkIn.HasKey(c => c.Id);
        checkIn.Property(c => c.Period).HasMaxLength(20);
        checkIn.Property(c => c.AgreedGoal).HasMaxLength(GoalRules.MaxTextLength);
        checkIn.HasIndex(c => new { c.ManagerPersonId, c.ReportPersonId, c.Period }).IsUnique();
        checkIn.HasIndex(c => c.SnoozedUntil);
    }
}

/// <summary>
/// Manager development check-ins. Once a month (<see cref="GrowthOptions.ManagerCheckIns"/>), on the manager's first
/// working day of the month at <see cref="GrowthOptions.ManagerCheckInAt"/> their time, each manager gets a card per
/// direct report to prepare a growth conversation; a snoozed card comes back a week later (in their working hours). Claimed by a unique key per
/// manager, report and month, so a re-run or a second instance sends each card once.
/// </summary>
public sealed class DevelopmentCheckInScheduler(LearningBotDbContext db, OutboxWriter outbox, IOptions<GrowthOptions> options, TimeProvider clock)
{
    public const string PrepareKind = "growth-prepare";
    public const string ConfirmGoalKind = "growth-confirm-goal";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var queued = 0;
        if (settings.ManagerCheckIns)
        {
            var managers = await db.People.AsNoTracking().Where(m => m.Accounts.Any() && db.People.Any(r => r.ManagerPersonId == m.Id)
                    && !db.Set<GrowthPreferenceRecord>().Any(p => p.PersonId == m.Id && p.NoMonthlyCheckIns))
                .Select(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var managerId in managers)
            {
                db.ChangeTracker.Clear();
                var manager = await db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.Id == managerId, cancellationToken).ConfigureAwait(false);
                var calendar = await PersonCalendar.ForAsync(db, manager, cancellationToken).ConfigureAwait(false);
                var local = LocalCalendar.LocalDateTime(now, calendar.Zone);
                var today = DateOnly.FromDateTime(local);
                var firstWorkingDay = calendar.FirstAvailableOnOrAfter(new DateOnly(today.Year, today.Month, 1));
                if (today < firstWorkingDay || !calendar.IsAvailable(today) || local.TimeOfDay < settings.ManagerCheckInAt || local.TimeOfDay >= settings.SendUntil)
                {
                    continue;
                }
                var period = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var reports = await db.People.AsNoTracking().Where(r => r.ManagerPersonId == managerId).OrderBy(r => r.DisplayName).Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var report in reports)
                {
                    var checkIn = new DevelopmentCheckInRecord { ManagerPersonId = managerId, ReportPersonId = report, Period = period, CreatedAt = now };
                    db.Set<DevelopmentCheckInRecord>().Add(checkIn);
                    if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
                    {
                        continue; // this month's card is already made
                    }
                    Prompt(checkIn, manager.Accounts.OrderBy(a => a.Id).First().Channel);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    queued++;
                }
            }
        }
        // Snoozed prompts whose week is over come back.
        var snoozed = await db.Set<DevelopmentCheckInRecord>().Where(c => c.SnoozedUntil != null && c.HeldAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var checkIn in snoozed.Where(c => c.SnoozedUntil <= now))
        {
            var manager = await db.People.AsNoTracking().Include(p => p.Accounts).SingleOrDefaultAsync(p => p.Id == checkIn.ManagerPersonId, cancellationToken).ConfigureAwait(false);
            if (manager is null || manager.Accounts.Count == 0)
            {
                continue;
            }
            // Back in the manager's working hours on a working day, like the monthly card.
            var calendar = await PersonCalendar.ForAsync(db, manager, cancellationToken).ConfigureAwait(false);
            var local = LocalCalendar.LocalDateTime(now, calendar.Zone);
            if (!calendar.IsAvailable(DateOnly.FromDateTime(local)) || local.TimeOfDay < settings.SendAt || local.TimeOfDay >= settings.SendUntil)
            {
                continue;
            }
            var channel = (ChannelKind?)manager.Accounts.OrderBy(a => a.Id).First().Channel;
            checkIn.SnoozedUntil = null;
            Prompt(checkIn, channel.Value);
            if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                queued++;
            }
        }
        return queued;
    }

    /// <summary>Queues the preparation card of <paramref name="checkIn"/> for its manager (saved by the caller).</summary>
    public void Prompt(DevelopmentCheckInRecord checkIn, ChannelKind channel)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        outbox.Add($"growth:prepare:{checkIn.Id.ToString(CultureInfo.InvariantCulture)}:{checkIn.Snoozes.ToString(CultureInfo.InvariantCulture)}", PrepareKind, channel,
            checkIn.ManagerPersonId, checkIn.Id.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>What a manager's preparation card shows about one report.</summary>
public sealed record DevelopmentView(string ReportName, IReadOnlyList<GoalRecord> Goals, IReadOnlyList<string>? Learning, IReadOnlyList<string> Recognition);

/// <summary>The manager's card for one report: goals, what they learned (only if they share it), recognition, three prompts.</summary>
public sealed class GrowthPrepareComposer(LearningBotDbContext db, GoalService goals, IOptions<GrowthOptions> options, TimeProvider clock) : IOutboxComposer
{
    public const int LookBackDays = 30;

    public string Kind => DevelopmentCheckInScheduler.PrepareKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var checkIn = await db.Set<DevelopmentCheckInRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        // Only while the report still reports to this manager, and the conversation is not held yet.
        var report = checkIn is null || checkIn.HeldAt is not null ? null
            : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == checkIn.ReportPersonId && p.ManagerPersonId == checkIn.ManagerPersonId, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }
        var since = clock.GetUtcNow().AddDays(-LookBackDays);
        var shares = await db.Set<GrowthPreferenceRecord>().AsNoTracking().AnyAsync(p => p.PersonId == report.Id && p.ShareLearningWithManager, cancellationToken).ConfigureAwait(false);
        List<string>? learning = null;
        if (shares)
        {
            var lessons = await db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.PersonId == report.Id && c.LastReview >= since)
                .Select(c => c.LessonId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            learning = await db.Set<LessonRecord>().AsNoTracking().Where(l => lessons.Contains(l.Id)).OrderBy(l => l.Title).Select(l => l.Title).ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var recognition = await db.Set<RecognitionEntryRecord>().AsNoTracking()
            .Where(r => r.RecipientPersonId == report.Id && r.Points > 0 && r.CreatedAt >= since && !db.Set<RecognitionEntryRecord>().Any(x => x.ReversesEntryId == r.Id))
            .Join(db.People, r => r.GiverPersonId, p => p.Id, (r, p) => new { p.DisplayName, r.Reason, r.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var view = new DevelopmentView(report.DisplayName, await goals.OpenAsync(report.Id, cancellationToken).ConfigureAwait(false), learning,
            [.. recognition.OrderByDescending(r => r.CreatedAt).Take(5).Select(r => r.Reason is { Length: > 0 } reason ? $"{r.DisplayName}: {reason}" : r.DisplayName)]);
        var prompts = options.Value.ManagerPrompts.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return OutboundMessage.FromCard(DevelopmentCards.Prepare(checkIn!, view, prompts));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>For the report: a goal their manager noted as agreed, to confirm or correct.</summary>
public sealed class GrowthConfirmGoalComposer(LearningBotDbContext db) : IOutboxComposer
{
    public string Kind => DevelopmentCheckInScheduler.ConfirmGoalKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var checkIn = await db.Set<DevelopmentCheckInRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.AgreedGoalAnsweredAt == null, cancellationToken).ConfigureAwait(false);
        var manager = checkIn?.AgreedGoal is null ? null : await db.People.AsNoTracking().Where(p => p.Id == checkIn.ManagerPersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return manager is null ? null : OutboundMessage.FromCard(DevelopmentCards.ConfirmGoal(checkIn!, manager));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The cards of development check-ins.</summary>
public static class DevelopmentCards
{
    public const string CheckInKey = "checkInId";
    public const string AgreedGoalInput = "agreedGoal";

    private static Dictionary<string, string> Id(DevelopmentCheckInRecord checkIn) =>
        new() { [CheckInKey] = checkIn.Id.ToString(CultureInfo.InvariantCulture) };

    public static Card Prepare(DevelopmentCheckInRecord checkIn, DevelopmentView view, IReadOnlyList<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(prompts);
        var body = new List<CardElement>
        {
            new HeadingElement("Goals"),
            new TextElement(view.Goals.Count == 0 ? "No open goals yet." : string.Join('\n', view.Goals.Select(g => $"- {g.Text}{(g.Progress is null ? "" : $" — {g.Progress}")}"))),
            new HeadingElement("Learning"),
            new TextElement(view.Learning is null
                ? $"{view.ReportName} keeps their learning to themselves (they can choose **share my learning with my manager**)."
                : view.Learning.Count == 0 ? "No quiz practice in the last 30 days." : "Practised lately: " + string.Join("; ", view.Learning)),
            new HeadingElement("Recognition"),
            new TextElement(view.Recognition.Count == 0 ? "None in the last 30 days." : string.Join('\n', view.Recognition.Select(r => "- " + r))),
            new HeadingElement("Three questions to ask"),
            new TextElement(string.Join('\n', prompts.Select(p => "- " + p))),
            new TextInputElement(AgreedGoalInput, "A goal you agreed (optional — they confirm it)") { MaxLength = GoalRules.MaxTextLength },
        };
        return new Card
        {
            Title = $"Growth conversation with {view.ReportName}",
            Subtitle = checkIn.Period.StartsWith("ask-", StringComparison.Ordinal) ? $"{view.ReportName} asked for one" : "Your monthly check-in",
            Body = body,
            Actions = [
                CardAction.Submit("Note agreed goal", GrowthVerbs.AgreeGoal, Id(checkIn), primary: true),
                CardAction.Submit("Conversation held", GrowthVerbs.Held, Id(checkIn)),
                CardAction.Submit("Snooze a week", GrowthVerbs.Snooze, Id(checkIn)),
                CardAction.Submit("Stop monthly cards", GrowthVerbs.StopMonthly, Id(checkIn)),
            ],
        };
    }

    public static Card ConfirmGoal(DevelopmentCheckInRecord checkIn, string managerName)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        return new Card
        {
            Title = "A goal you agreed",
            Body = [new TextElement($"{managerName} noted this goal from your conversation: **{checkIn.AgreedGoal}**. Is that what you agreed? It becomes one of your goals only if you say so.")],
            Actions = [CardAction.Submit("Yes, add it", GrowthVerbs.ConfirmGoal, Id(checkIn), primary: true), CardAction.Submit("Not quite", GrowthVerbs.DeclineGoal, Id(checkIn))],
        };
    }
}
