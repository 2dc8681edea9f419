using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Quizzes;

/// <summary>What one dispatcher run did; Introduced counts people with an assigned track who got the introduction (Enrollment=Assigned), whose quizzes start the next quiz day.</summary>
public sealed record QuizDispatchReport(int Learners, int QuizzesWritten, int PausedForSilence, int AlreadyDelivered, int NothingToAsk, int Introduced = 0);

/// <summary>
/// Finds learners whose quiz time has come today and writes each one's quiz: the delivery row and one outbox message,
/// in one transaction. Run it as often as you like (the Quartz job runs it every minute): the unique index on
/// (learner, local date) makes a re-run, a restart mid-run or a second instance harmless. After downtime it writes
/// today's quiz late — within <see cref="QuizOptions.LateDeliveryWindow"/> of the learner's time — and never a
/// quiz for a day that has passed. A learner's day is their local date (<see cref="LocalCalendar"/>; zone from quiz
/// settings, else the one their channel reports, else UTC), and the delivery time is compared on their local wall clock:
/// in a spring-forward gap a time that does not exist that day (02:30 in Berlin) fires at the first minute after the
/// gap; in a fall-back hour the first occurrence fires and the repeat finds today's quiz already written (one per local
/// date).
/// <para>Who is a learner depends on <see cref="QuizOptions.Enrollment"/>: by default only people who chose daily
/// quizzes (they have quiz settings); with Assigned also people whose role has a track (introduced first, quizzed from
/// the next quiz day); with Everyone anyone with a personal conversation with the bot. A quiz asked for with "quiz"
/// counts as the day's quiz.</para>
/// </summary>
public sealed partial class QuizDispatcher(
    LearningBotDbContext db,
    QuestionBank bank,
    QuestionPicker picker,
    TimeProvider clock,
    IOptions<QuizOptions> options,
    ILogger<QuizDispatcher> logger)
{
    public const string QuizOutboxKind = "quiz";
    private const int BatchSize = 500;

    public async Task<QuizDispatchReport> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var mode = settings.EnrollmentMode;
        Tracks? tracks = null;
        if (mode == QuizEnrollment.Assigned)
        {
            tracks = await TracksAsync(cancellationToken).ConfigureAwait(false);
        }
        var learners = mode == QuizEnrollment.Everyone
            ? await EveryoneWithAPersonalChatAsync(cancellationToken).ConfigureAwait(false)
            : await EnrolledAsync(tracks, cancellationToken).ConfigureAwait(false);

        // Today's local date differs by zone, but lies within a day of today in UTC.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var earliest = utcToday.AddDays(-1);
        var latest = utcToday.AddDays(1);
        // A quiz asked for with "quiz" counts as the day's quiz too: one a day, unless the learner asks for more.
        var delivered = (await db.Set<QuizDeliveryRecord>().AsNoTracking()
                .Where(d => d.LocalDate >= earliest && d.LocalDate <= latest)
                .Select(d => new { d.PersonId, d.LocalDate })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(d => (d.PersonId, d.LocalDate)).ToHashSet();

        var due = new List<(Learner Learner, TimeZoneInfo Zone, DateOnly Today, TimeSpan LeftInWindow)>();
        var alreadyDelivered = 0;
        foreach (var learner in learners)
        {
            var zone = LocalCalendar.Zone(learner.Settings?.TimeZone, learner.ReportedTimeZone);
            var local = LocalCalendar.LocalDateTime(now, zone);
            var today = DateOnly.FromDateTime(local);
            var s = learner.Settings ?? new QuizSettingsRecord();
            if (s.Stopped || (s.PausedUntil is { } until && today < until) || !LocalCalendar.Includes(s.Days, local.DayOfWeek))
            {
                continue;
            }
            var sinceDeliveryTime = local.TimeOfDay - s.DeliveryTime.ToTimeSpan();
            if (sinceDeliveryTime < TimeSpan.Zero || sinceDeliveryTime > settings.LateDeliveryWindow)
            {
                continue;
            }
            if (delivered.Contains((learner.PersonId, today)))
            {
                alreadyDelivered++;
                continue;
            }
            var leftInWindow = TimeSpan.FromTicks(Math.Min((settings.LateDeliveryWindow - sinceDeliveryTime).Ticks, (TimeSpan.FromDays(1) - local.TimeOfDay).Ticks));
            due.Add((learner, zone, today, leftInWindow));
        }

        int written = 0, paused = 0, nothing = 0, introduced = 0;
        if (due.Count > 0)
        {
            tracks ??= await TracksAsync(cancellationToken).ConfigureAwait(false);
            var questionsById = tracks.Default.Concat(tracks.Configured.Values.SelectMany(t => t)).DistinctBy(q => q.Id).ToDictionary(q => q.Id, StringComparer.Ordinal);
            foreach (var batch in due.Chunk(BatchSize))
            {
                var outcome = await WriteBatchAsync(batch, tracks, questionsById, now, cancellationToken).ConfigureAwait(false);
                written += outcome.Written;
                paused += outcome.Paused;
                nothing += outcome.Nothing;
                introduced += outcome.Introduced;
                alreadyDelivered += outcome.Conflicts;
            }
        }
        if (written + paused + introduced > 0)
        {
            Log.Dispatched(logger, learners.Count, written, paused, alreadyDelivered, introduced);
        }
        else
        {
            Log.NothingDue(logger, learners.Count, alreadyDelivered);
        }
        return new QuizDispatchReport(learners.Count, written, paused, alreadyDelivered, nothing, introduced);
    }

    private async Task<Tracks> TracksAsync(CancellationToken cancellationToken) =>
        new(await bank.DefaultTrackAsync(cancellationToken).ConfigureAwait(false), await bank.ConfiguredTracksAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Enrollment=Everyone: everyone with a live personal conversation, with their settings (none = defaults). The newest conversation wins.</summary>
    private async Task<List<Learner>> EveryoneWithAPersonalChatAsync(CancellationToken cancellationToken)
    {
        var personal = nameof(ConversationType.Personal);
        return (await (from c in db.Set<ConversationReferenceRecord>().AsNoTracking()
                       where c.ConversationType == personal && c.RemovedAt == null && c.PersonId != null
                       join p in db.Set<PersonRecord>().AsNoTracking() on c.PersonId equals p.Id
                       join s in db.Set<QuizSettingsRecord>().AsNoTracking() on p.Id equals s.PersonId into ss
                       from s in ss.DefaultIfEmpty()
                       select new Learner(p.Id, p.TimeZone, c.Channel, c.UpdatedAt, s, null))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(l => l.PersonId)
            .Select(g => g.MaxBy(l => l.ConversationUpdatedAt)!)
            .ToList();
    }

    /// <summary>
    /// OptIn and Assigned: everyone with quiz settings (they chose daily quizzes, or had them before quizzes became
    /// opt-in), and with <paramref name="assignedTracks"/> the people without settings whose role or name has a
    /// track with questions (they are introduced first). Each is reached in their newest live 1:1 chat, or — when the
    /// bot has none with them yet — in the channel of their account (the outbox opens the chat); someone whose every
    /// 1:1 chat was removed took the app away and gets nothing.
    /// </summary>
    private async Task<List<Learner>> EnrolledAsync(Tracks? assignedTracks, CancellationToken cancellationToken)
    {
        var candidates = (await (from s in db.Set<QuizSettingsRecord>().AsNoTracking()
                                 join p in db.Set<PersonRecord>().AsNoTracking() on s.PersonId equals p.Id
                                 select new { p.Id, p.TimeZone, Settings = s })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => (c.Id, TimeZone: (string?)c.TimeZone, Settings: (QuizSettingsRecord?)c.Settings, Assigned: (IReadOnlyList<string>?)null))
            .ToList();
        if (assignedTracks is not null)
        {
            var unenrolled = await db.Set<PersonRecord>().AsNoTracking()
                .Where(p => !db.Set<QuizSettingsRecord>().Any(s => s.PersonId == p.Id) && db.Set<ChannelAccountRecord>().Any(a => a.PersonId == p.Id))
                .Select(p => new { p.Id, p.TimeZone })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (unenrolled.Count > 0)
            {
                var assignments = await bank.AssignmentsAsync([.. unenrolled.Select(p => p.Id)], cancellationToken).ConfigureAwait(false);
                foreach (var person in unenrolled)
                {
                    var tracks = assignments[person.Id].Where(t => assignedTracks.Configured.TryGetValue(t, out var questions) && questions.Count > 0)
                        .Order(StringComparer.Ordinal).ToList();
                    if (tracks.Count > 0)
                    {
                        candidates.Add((person.Id, person.TimeZone, null, tracks));
                    }
                }
            }
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        var personal = nameof(ConversationType.Personal);
        var chats = (await db.Set<ConversationReferenceRecord>().AsNoTracking()
                .Where(c => c.ConversationType == personal && c.PersonId != null)
                .Select(c => new { PersonId = c.PersonId!.Value, c.Channel, c.UpdatedAt, Live = c.RemovedAt == null })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(c => c.PersonId);
        var withoutChat = candidates.Where(c => !chats.Contains(c.Id)).Select(c => c.Id).ToList();
        var accounts = withoutChat.Count == 0 ? [] : (await db.Set<ChannelAccountRecord>().AsNoTracking()
                .Where(a => withoutChat.Contains(a.PersonId))
                .Select(a => new { a.Id, a.PersonId, a.Channel })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(a => a.PersonId)
            .ToDictionary(g => g.Key, g => g.MinBy(a => a.Id)!.Channel);
        var learners = new List<Learner>(candidates.Count);
        foreach (var (id, zone, s, assigned) in candidates)
        {
            if (chats.Contains(id))
            {
                if (chats[id].Where(c => c.Live).MaxBy(c => c.UpdatedAt) is { } chat)
                {
                    learners.Add(new Learner(id, zone, chat.Channel, chat.UpdatedAt, s, assigned));
                }
            }
            else if (accounts.TryGetValue(id, out var channel))
            {
                learners.Add(new Learner(id, zone, channel, DateTimeOffset.MinValue, s, assigned));
            }
        }
        return learners;
    }

    private async Task<(int Written, int Paused, int Nothing, int Introduced, int Conflicts)> WriteBatchAsync(
        (Learner Learner, TimeZoneInfo Zone, DateOnly Today, TimeSpan LeftInWindow)[] batch,
        Tracks tracks,
        IReadOnlyDictionary<string, QuizItem> questionsById,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var staged = await StageAsync(batch, tracks, questionsById, now, cancellationToken).ConfigureAwait(false);
        var stagedAt = clock.GetTimestamp();
        try
        {
            if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                var stagedFor = clock.GetElapsedTime(started, stagedAt);
                var savedFor = clock.GetElapsedTime(stagedAt);
                Log.BatchWritten(logger, batch.Length, stagedFor, savedFor);
                return (staged.Written, staged.Paused, staged.Nothing, staged.Introduced, 0);
            }
            // Another run wrote some of these learners' quizzes meanwhile: redo them one by one, skipping theirs.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        int written = 0, paused = 0, nothing = 0, introduced = 0, conflicts = 0;
        foreach (var one in batch)
        {
            var single = await StageAsync([one], tracks, questionsById, now, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
                {
                    written += single.Written;
                    paused += single.Paused;
                    nothing += single.Nothing;
                    introduced += single.Introduced;
                }
                else
                {
                    conflicts++;
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return (written, paused, nothing, introduced, conflicts);
    }

    /// <summary>Adds each learner's delivery and outbox row (or pause note) to the unit of work, without saving.</summary>
    private async Task<(int Written, int Paused, int Nothing, int Introduced)> StageAsync(
        (Learner Learner, TimeZoneInfo Zone, DateOnly Today, TimeSpan LeftInWindow)[] batch,
        Tracks tracks,
        IReadOnlyDictionary<string, QuizItem> questionsById,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ids = batch.Select(b => b.Learner.PersonId).ToList();
        var cards = (await db.Set<QuizCardRecord>().AsNoTracking().Where(c => ids.Contains(c.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(c => c.PersonId);
        var settingsRows = await db.Set<QuizSettingsRecord>().Where(s => ids.Contains(s.PersonId)).ToDictionaryAsync(s => s.PersonId, cancellationToken).ConfigureAwait(false);
        var assignments = tracks.Configured.Count == 0 ? null : await bank.AssignmentsAsync(ids, cancellationToken).ConfigureAwait(false);
        var writer = new OutboxWriter(db, clock);
        int written = 0, paused = 0, nothing = 0, introduced = 0;

        foreach (var (learner, zone, today, leftInWindow) in batch)
        {
            var channel = learner.Channel;
            var date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!settingsRows.TryGetValue(learner.PersonId, out var s))
            {
                if (learner.Settings is not null)
                {
                    continue; // their settings are gone since the learners were read
                }
                s = new QuizSettingsRecord { PersonId = learner.PersonId, UpdatedAt = now };
                settingsRows[learner.PersonId] = s;
                db.Add(s);
                if (learner.AssignedTracks is { } assigned)
                {
                    // Assigned, never asked: today an introduction (who, why, how to stop); quizzes from the next quiz day.
                    s.PausedUntil = QuizIntroduction.FirstQuizDay(s.Days, today);
                    writer.Add(QuizIntroduction.Key(learner.PersonId), QuizIntroduction.Kind, channel, learner.PersonId,
                        QuizIntroduction.Payload(assigned, s.PausedUntil.Value, s.DeliveryTime));
                    introduced++;
                    continue;
                }
            }
            else if (learner.Settings is null && options.Value.EnrollmentMode != QuizEnrollment.Everyone)
            {
                continue; // they chose since the learners were read (Start or Not now); the next run treats them so
            }
            if (s.Stopped)
            {
                continue; // stopped since the learners were read
            }
            if (s.ConsecutiveUnanswered >= options.Value.UnansweredBeforePause)
            {
                s.Stopped = true;
                s.StoppedForSilence = true;
                s.UpdatedAt = now;
                writer.Add($"quiz-paused:{learner.PersonId}:{date}", QuizPauseNoteComposer.PauseNoteKind, channel, learner.PersonId,
                    s.ConsecutiveUnanswered.ToString(CultureInfo.InvariantCulture));
                paused++;
                continue;
            }
            var track = assignments is null ? tracks.Default : QuestionBank.TrackFor(assignments[learner.PersonId], tracks.Configured, tracks.Default);
            var questions = picker.Pick(now, zone, [.. cards[learner.PersonId]], track, questionsById, Math.Clamp(s.QuestionsPerDay, 1, 3), options.Value.NewQuestionsPerDay);
            if (questions.Count == 0)
            {
                nothing++;
                continue;
            }
            var message = writer.Add($"quiz:{learner.PersonId}:{date}", QuizOutboxKind, channel, learner.PersonId, expiresAt: now + leftInWindow);
            db.Add(new QuizDeliveryRecord
            {
                PersonId = learner.PersonId,
                LocalDate = today,
                Kind = QuizDeliveryKind.Daily,
                QuestionIds = string.Join('|', questions.Select(q => q.Id)),
                OutboxMessage = message,
                CreatedAt = now,
            });
            if (LocalCalendar.Includes(s.Days, today.DayOfWeek) && WeeklySummaryComposer.IsLastQuizDayOfWeek(s.Days, today.DayOfWeek)
                && cards[learner.PersonId].Any(c => c.LastReview is not null))
            {
                writer.Add(WeeklySummaryComposer.Key(learner.PersonId, today), WeeklySummaryComposer.WeeklyKind, channel, learner.PersonId, expiresAt: now + leftInWindow);
            }
            if (s.ConsecutiveUnanswered > 0)
            {
                s.Streak = 0; // the previous quiz went unanswered
            }
            s.ConsecutiveUnanswered++;
            s.UpdatedAt = now;
            written++;
        }
        return (written, paused, nothing, introduced);
    }

    private sealed record Tracks(IReadOnlyList<QuizItem> Default, IReadOnlyDictionary<string, IReadOnlyList<QuizItem>> Configured);

    // AssignedTracks: set for someone without settings who is enrolled by an assigned track; they are introduced first.
    private sealed record Learner(Guid PersonId, string? ReportedTimeZone, ChannelKind Channel, DateTimeOffset ConversationUpdatedAt, QuizSettingsRecord? Settings, IReadOnlyList<string>? AssignedTracks);

    private static partial class Log
    {
        [LoggerMessage(EventId = 802, Level = LogLevel.Debug, Message = "Quiz dispatch: {Learners} learners, none due ({Already} already had today's quiz)")]
        public static partial void NothingDue(ILogger logger, int learners, int already);

        [LoggerMessage(EventId = 801, Level = LogLevel.Debug, Message = "Quiz dispatch batch of {Count} learners: staged in {Staged}, saved in {Saved}")]
        public static partial void BatchWritten(ILogger logger, int count, TimeSpan staged, TimeSpan saved);

        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Quiz dispatch: {Learners} learners, {Written} quizzes written, {Paused} paused for silence, {Already} already had today's quiz, {Introduced} introduced to an assigned track")]
        public static partial void Dispatched(ILogger logger, int learners, int written, int paused, int already, int introduced);
    }
}
