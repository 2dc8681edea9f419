using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Quizzes;

/// <summary>"quiz settings": time, days, questions per quiz, pause for N days (due dates move with it), stop and resume.</summary>
public sealed class QuizSettingsService(LearningBotDbContext db, TimeProvider clock, IOptions<QuizOptions> options)
{
    public const int MaxPauseDays = 90;

    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (settings, zone) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        return Reply.WithCard(QuizCards.Settings(settings, zone.Id, LocalCalendar.LocalDate(clock.GetUtcNow(), zone), enrolled: IsEnrolled(settings)));
    }

    /// <summary>
    /// "Start daily quizzes": the person chose them, so they get a settings row (that is what enrols them) and any
    /// stop or pause is lifted. False when their quizzes were on already: the click changed nothing.
    /// </summary>
    public async Task<(Reply Reply, bool Started)> StartAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (settings, zone) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        var today = LocalCalendar.LocalDate(clock.GetUtcNow(), zone);
        var on = IsEnrolled(settings) && !settings.Stopped && !(settings.PausedUntil > today);
        var when = $"{QuizSettingsInput.FormatDays(settings.Days)} at {settings.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})";
        if (on)
        {
            return (Reply.WithText($"Your daily quizzes are already on: {when}. **quiz settings** changes them; **quiz stop** stops them."), false);
        }
        settings.Stopped = false;
        settings.StoppedForSilence = false;
        settings.PausedUntil = null;
        settings.ConsecutiveUnanswered = 0;
        settings.UpdatedAt = clock.GetUtcNow();
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // The same button pressed twice at once: the other press enrolled them.
            return (Reply.WithText($"Your daily quizzes are already on: {when}."), false);
        }
        var next = QuizIntroduction.FirstQuizDay(settings.Days, today).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        return (Reply.WithText($"Daily quizzes are on: {when}. Here's a first question now; the next comes on {next}. **quiz settings** changes the time and days, **quiz stop** stops them."), true);
    }

    /// <summary>"Not now" on the welcome card: no daily quizzes, kept as a stop so no later rule enrols them unasked.</summary>
    public async Task<Reply> NotNowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (settings, _) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        if (!settings.Stopped)
        {
            settings.Stopped = true;
            settings.StoppedForSilence = false;
            settings.UpdatedAt = clock.GetUtcNow();
            // False when the same button was pressed twice at once: the other press saved the same choice.
            await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        return Reply.WithText("No daily quizzes, then. Type **quiz** whenever you'd like a single question, or **quiz start** if you change your mind.");
    }

    /// <summary>A row the database has (not one made up for this turn): the person chose quizzes, or had them before; with Enrollment=Everyone, anyone.</summary>
    private bool IsEnrolled(QuizSettingsRecord settings) =>
        options.Value.EnrollmentMode == QuizEnrollment.Everyone || db.Entry(settings).State != EntityState.Added;

    public async Task<Reply> SaveAsync(Turn turn, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(inputs);
        // Each problem under its field: a modal stays open with them (Slack's response_action errors); elsewhere they are the reply.
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        TimeOnly? time = null;
        int? days = null;
        int? questions = null;
        var pause = 0;
        if (inputs.TryGetValue("time", out var timeText) && !string.IsNullOrWhiteSpace(timeText))
        {
            if (QuizSettingsInput.TryParseTime(timeText, out var parsed))
            {
                time = parsed;
            }
            else
            {
                problems["time"] = $"**Time** \"{timeText.Trim()}\" isn't a time I understand — use 24-hour hours and minutes, like 09:30 or 14:00.";
            }
        }
        if (inputs.TryGetValue("days", out var daysText) && !string.IsNullOrWhiteSpace(daysText))
        {
            if (QuizSettingsInput.TryParseDays(daysText, out var parsed))
            {
                days = parsed;
            }
            else
            {
                problems["days"] = $"**Days** \"{daysText.Trim()}\" — name the days like Mon-Fri, or Mon,Wed,Fri, or \"every day\".";
            }
        }
        if (inputs.TryGetValue("questions", out var questionsText) && !string.IsNullOrWhiteSpace(questionsText))
        {
            if (int.TryParse(questionsText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 3)
            {
                questions = n;
            }
            else
            {
                problems["questions"] = $"**Questions per quiz** must be 1, 2 or 3 (you wrote \"{questionsText.Trim()}\").";
            }
        }
        if (inputs.TryGetValue("pause", out var pauseText) && !string.IsNullOrWhiteSpace(pauseText))
        {
            if (!int.TryParse(pauseText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out pause) || pause is < 0 or > MaxPauseDays)
            {
                problems["pause"] = $"**Pause** must be a number of days from 0 to {MaxPauseDays} (you wrote \"{pauseText.Trim()}\").";
            }
        }
        string? chosenZone = null;
        var clearZone = false;
        if (inputs.TryGetValue("timezone", out var zoneText))
        {
            var trimmed = zoneText.Trim();
            if (trimmed.Length == 0)
            {
                clearZone = true;
            }
            else if (TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var found))
            {
                chosenZone = found.Id;
            }
            else
            {
                problems["timezone"] = $"**Time zone** \"{trimmed}\" isn't one I know — use a name like Europe/Berlin, America/New_York or Asia/Kolkata, or leave it empty.";
            }
        }
        if (problems.Count > 0)
        {
            return new Reply
            {
                Messages = [OutboundMessage.FromText("Nothing saved yet — please fix this and press Save again:\n" + string.Join("\n", problems.Values.Select(p => $"- {p}")))],
                FieldErrors = problems.ToDictionary(p => p.Key, p => p.Value.Replace("**", "", StringComparison.Ordinal), StringComparer.Ordinal),
            };
        }

        var (settings, reported) = await LoadSettingsAsync(turn, cancellationToken).ConfigureAwait(false);
        if (chosenZone is not null || clearZone)
        {
            settings.TimeZone = chosenZone;
        }
        var zone = LocalCalendar.Zone(settings.TimeZone, reported);
        settings.DeliveryTime = time ?? settings.DeliveryTime;
        settings.Days = days ?? settings.Days;
        settings.QuestionsPerDay = questions ?? settings.QuestionsPerDay;
        var today = LocalCalendar.LocalDate(clock.GetUtcNow(), zone);
        if (pause > 0)
        {
            await PauseAsync(settings, today, pause, cancellationToken).ConfigureAwait(false);
        }
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var summary = $"Saved: {settings.QuestionsPerDay} question{(settings.QuestionsPerDay == 1 ? "" : "s")} at {settings.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}) on {QuizSettingsInput.FormatDays(settings.Days)}.";
        if (pause > 0)
        {
            summary += $" Paused until {settings.PausedUntil!.Value.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}; your questions wait for you.";
        }
        return new Reply { UpdatedCard = QuizCards.Settings(settings, zone.Id, today), Messages = [OutboundMessage.FromText(summary)] };
    }

    public async Task<Reply> PauseForAsync(Turn turn, string daysText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!int.TryParse(daysText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxPauseDays)
        {
            return Reply.WithText($"How many days? For example **quiz pause 7** (1 to {MaxPauseDays}).");
        }
        var (settings, zone) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        await PauseAsync(settings, LocalCalendar.LocalDate(clock.GetUtcNow(), zone), days, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.WithText($"Quizzes paused until {settings.PausedUntil!.Value.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}. Type **quiz resume** to come back sooner.");
    }

    public async Task<Reply> StopAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (settings, _) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        settings.Stopped = true;
        settings.StoppedForSilence = false;
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.WithText("Daily quizzes stopped. Type **quiz resume** to start them again, or **quiz** for a single question any time.");
    }

    public async Task<Reply> ResumeAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (settings, zone) = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        settings.Stopped = false;
        settings.StoppedForSilence = false;
        settings.PausedUntil = null;
        settings.ConsecutiveUnanswered = 0;
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Reply.WithText($"Daily quizzes are back on: {QuizSettingsInput.FormatDays(settings.Days)} at {settings.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}).");
    }

    /// <summary>A vacation hold: nothing is sent until the day after, and every due date moves by the same number of days.</summary>
    private async Task PauseAsync(QuizSettingsRecord settings, DateOnly today, int days, CancellationToken cancellationToken)
    {
        var resumeOn = today.AddDays(days);
        var shift = resumeOn.DayNumber - Math.Max(today.DayNumber, settings.PausedUntil?.DayNumber ?? 0);
        settings.PausedUntil = resumeOn;
        if (shift > 0)
        {
            foreach (var card in await db.Set<QuizCardRecord>().Where(c => c.PersonId == settings.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                card.Due = card.Due.AddDays(shift);
            }
        }
    }

    private async Task<(QuizSettingsRecord Settings, TimeZoneInfo Zone)> LoadAsync(Turn turn, CancellationToken cancellationToken)
    {
        var (settings, reported) = await LoadSettingsAsync(turn, cancellationToken).ConfigureAwait(false);
        return (settings, LocalCalendar.Zone(settings.TimeZone, reported));
    }

    /// <summary>The learner's settings (tracked; a new row when they have none) and the zone their channel reports.</summary>
    private async Task<(QuizSettingsRecord Settings, string? ReportedZone)> LoadSettingsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var settings = await db.Set<QuizSettingsRecord>().SingleOrDefaultAsync(s => s.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (settings is null)
        {
            settings = new QuizSettingsRecord { PersonId = turn.PersonId, UpdatedAt = clock.GetUtcNow() };
            db.Add(settings);
        }
        var reported = await db.Set<PersonRecord>().AsNoTracking().Where(p => p.Id == turn.PersonId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (settings, reported ?? turn.TimeZone);
    }
}
