using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Core.Growth;

/// <summary>One step of an onboarding journey: its name (as stored in <see cref="OnboardingJourneyRecord.DoneSteps"/>) and day.</summary>
public sealed record OnboardingStep(string Name, int Day)
{
    public const string Welcome = "welcome";
    public const string Buddy = "buddy";
    public const string Goals = "goals";
    public const string CheckInPrefix = "checkin";

    /// <summary>True for a check-in step.</summary>
    public bool IsCheckIn => Name.StartsWith(CheckInPrefix, StringComparison.Ordinal);

    /// <summary>The journey's steps as configured, in the order of their days.</summary>
    public static IReadOnlyList<OnboardingStep> From(GrowthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var steps = new List<OnboardingStep>();
        if (options.WelcomeEnabled)
        {
            steps.Add(new(Welcome, 1));
        }
        if (options.BuddyEnabled)
        {
            steps.Add(new(Buddy, 1));
        }
        if (options.GoalsEnabled)
        {
            steps.Add(new(Goals, options.GoalsDay));
        }
        if (options.CheckInsEnabled)
        {
            steps.AddRange(options.CheckInDayNumbers().Select(d => new OnboardingStep(CheckInPrefix + d.ToString(CultureInfo.InvariantCulture), d)));
        }
        return [.. steps.OrderBy(s => s.Day)];
    }
}

/// <summary>What one scheduler run did.</summary>
public sealed record OnboardingRunReport(int JourneysStarted, int MessagesQueued, int StepsSkipped);

/// <summary>
/// Runs onboarding journeys. A journey starts for anyone whose directory row has a <c>start_date</c> no more than
/// <see cref="GrowthOptions.StartWithinDays"/> ago. Day N of a journey is the start date plus N−1 days; a step is sent at
/// <see cref="GrowthOptions.SendAt"/> (and before <see cref="GrowthOptions.SendUntil"/>) on the person's wall clock (their quiz-settings zone, else the one their channel
/// reports, else UTC; <see cref="LocalCalendar"/>, DST-safe) on its day — or, when that is a weekend or inside their
/// vacation pause (<c>quiz pause</c>), at that time on the next working day. A goals card or check-in more than
/// <see cref="GrowthOptions.SkipStepsLateByDays"/> late is skipped, as is a check-in overtaken by the next. People the bot
/// cannot reach yet (no chat account) wait: their journey moves once they have one. Each message has its own outbox key,
/// and the step and its messages are saved together, so a re-run or a second instance sends nothing twice.
/// </summary>
public sealed class OnboardingScheduler(
    LearningBotDbContext db,
    OutboxWriter outbox,
    BuddyMatcher buddies,
    IOptions<GrowthOptions> options,
    TimeProvider clock,
    ILogger<OnboardingScheduler> logger)
{
    public const string WelcomeKind = "growth-welcome";
    public const string BuddyKind = "growth-buddy";
    public const string GoalsKind = "growth-goals";
    public const string CheckInKind = "growth-checkin";
    public const string SummaryKind = "growth-summary";
    public const string GoalsSharedKind = "growth-goals-shared";

    /// <summary>A buddy not found by this day is no longer looked for.</summary>
    private const int LookForBuddyUntilDay = 30;

    public async Task<OnboardingRunReport> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.OnboardingEnabled)
        {
            return new OnboardingRunReport(0, 0, 0);
        }
        var now = clock.GetUtcNow();
        var started = await StartJourneysAsync(now, settings, cancellationToken).ConfigureAwait(false);
        var steps = OnboardingStep.From(settings);
        var ids = await db.Set<OnboardingJourneyRecord>().AsNoTracking().Where(j => j.FinishedAt == null && !j.Stopped)
            .Select(j => j.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false);
        int queued = 0, skipped = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var (q, s) = await MoveOnAsync(id, steps, now, settings, cancellationToken).ConfigureAwait(false);
            queued += q;
            skipped += s;
        }
        return new OnboardingRunReport(started, queued, skipped);
    }

    private async Task<int> StartJourneysAsync(DateTimeOffset now, GrowthOptions settings, CancellationToken cancellationToken)
    {
        // Local dates lie within a day of the UTC date.
        var earliest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-settings.StartWithinDays - 1);
        var newHires = await db.People.AsNoTracking()
            .Where(p => p.StartDate != null && p.StartDate >= earliest && !db.Set<OnboardingJourneyRecord>().Any(j => j.PersonId == p.Id))
            .Select(p => new { p.Id, StartDate = p.StartDate!.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var started = 0;
        foreach (var hire in newHires)
        {
            db.Set<OnboardingJourneyRecord>().Add(new OnboardingJourneyRecord { PersonId = hire.Id, StartDate = hire.StartDate, CreatedAt = now });
            if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                started++;
                Log.JourneyStarted(logger, hire.Id, hire.StartDate);
            }
        }
        return started;
    }

    private async Task<(int Queued, int Skipped)> MoveOnAsync(Guid personId, IReadOnlyList<OnboardingStep> steps, DateTimeOffset now, GrowthOptions settings, CancellationToken cancellationToken)
    {
        var journey = await db.Set<OnboardingJourneyRecord>().SingleAsync(j => j.PersonId == personId, cancellationToken).ConfigureAwait(false);
        var person = await db.People.AsNoTracking().Include(p => p.Accounts).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        if (person is null || person.Accounts.Count == 0)
        {
            return (0, 0); // not reachable yet
        }
        var channel = person.Accounts.OrderBy(a => a.Id).First().Channel;
        var calendar = await PersonCalendar.ForAsync(db, person, cancellationToken).ConfigureAwait(false);
        var local = LocalCalendar.LocalDateTime(now, calendar.Zone);
        var today = DateOnly.FromDateTime(local);
        // Journey messages go out in the working part of an available day only: never before SendAt, never after SendUntil.
        if (!calendar.IsAvailable(today) || local.TimeOfDay < settings.SendAt || local.TimeOfDay >= settings.SendUntil)
        {
            return (0, 0);
        }
        var done = journey.DoneSteps.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        int queued = 0, skipped = 0;
        var pending = steps.Where(s => !done.Contains(s.Name)).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            var step = pending[i];
            var due = calendar.FirstAvailableOnOrAfter(journey.StartDate.AddDays(step.Day - 1));
            if (today < due)
            {
                break;
            }
            var late = today.DayNumber - due.DayNumber;
            var overtaken = step.IsCheckIn && pending.Skip(i + 1).Any(next => next.IsCheckIn
                && calendar.FirstAvailableOnOrAfter(journey.StartDate.AddDays(next.Day - 1)) <= today);
            var send = step.Name is OnboardingStep.Welcome or OnboardingStep.Buddy || (late <= settings.SkipStepsLateByDays && !overtaken);
            var expires = LocalCalendar.EndOfDay(today.AddDays(1), calendar.Zone);
            var key = $"growth:{personId:N}:{step.Name}";
            if (send)
            {
                switch (step.Name)
                {
                    case OnboardingStep.Welcome:
                        outbox.Add(key, WelcomeKind, channel, personId, personId.ToString("N"), expires);
                        break;
                    case OnboardingStep.Buddy:
                        var buddy = await buddies.FindAsync(person, journey, cancellationToken).ConfigureAwait(false);
                        if (buddy is null)
                        {
                            if (step.Day + late < LookForBuddyUntilDay)
                            {
                                continue; // nobody free yet: look again next run, the other steps go on
                            }
                            send = false;
                            break;
                        }
                        BuddyMatcher.Introduce(outbox, journey, buddy.Value.PersonId, buddy.Value.Channel, channel, expires);
                        break;
                    case OnboardingStep.Goals:
                        outbox.Add(key, GoalsKind, channel, personId, personId.ToString("N"), expires);
                        break;
                    default:
                        outbox.Add(key, CheckInKind, channel, personId, step.Day.ToString(CultureInfo.InvariantCulture), expires);
                        break;
                }
            }
            done.Add(step.Name);
            journey.DoneSteps = string.Join(',', done);
            if (steps.All(s => done.Contains(s.Name)))
            {
                journey.FinishedAt = now;
            }
            if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                return (queued, skipped); // another run got there first
            }
            if (send)
            {
                queued++;
                Log.StepQueued(logger, personId, step.Name);
            }
            else
            {
                skipped++;
                Log.StepSkipped(logger, personId, step.Name, late);
            }
        }
        return (queued, skipped);
    }
}

/// <summary>
/// A person's days as the growth messages see them: their time zone, working days (Monday to Friday) and their vacation
/// pause (<c>quiz pause</c>: nothing proactive until it ends).
/// </summary>
public sealed record PersonCalendar(TimeZoneInfo Zone, int WorkingDays, DateOnly? PausedUntil)
{
    public static async Task<PersonCalendar> ForAsync(LearningBotDbContext db, PersonRecord person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var quiz = await db.Set<QuizSettingsRecord>().AsNoTracking().Where(s => s.PersonId == person.Id)
            .Select(s => new { s.TimeZone, s.PausedUntil }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new PersonCalendar(LocalCalendar.Zone(quiz?.TimeZone, person.TimeZone), LocalCalendar.WorkingDays, quiz?.PausedUntil);
    }

    /// <summary>A working day outside the vacation pause.</summary>
    public bool IsAvailable(DateOnly date) => LocalCalendar.Includes(WorkingDays, date.DayOfWeek) && !(PausedUntil is { } until && date < until);

    /// <summary>The first working day on or after <paramref name="date"/> (the pause is looked at on the day itself).</summary>
    public DateOnly FirstAvailableOnOrAfter(DateOnly date)
    {
        for (var i = 0; i < 7 && !LocalCalendar.Includes(WorkingDays, date.DayOfWeek); i++)
        {
            date = date.AddDays(1);
        }
        return date;
    }
}

/// <summary>The Quartz job: runs <see cref="OnboardingScheduler"/> and <see cref="DevelopmentCheckInScheduler"/> once.</summary>
[DisallowConcurrentExecution]
public sealed class OnboardingJob(OnboardingScheduler scheduler, DevelopmentCheckInScheduler development) : IJob
{
    public static readonly JobKey Key = new("growth-conversations", "growth");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
        await development.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
