using System.Globalization;
using System.Text;
using System.Text.Json;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Core.Recognition;

/// <summary>The period a digest covers, kept in its outbox row so the card is composed when it is sent.</summary>
public sealed record DigestPeriod(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Teams, IReadOnlyList<string> ExcludedTeams);

/// <summary>
/// Writes each learning channel's digest into the outbox when it is due — weekly on <see cref="RecognitionOptions.DigestDay"/>
/// or daily, at <see cref="RecognitionOptions.DigestTime"/> in the channel's zone. Once per channel and period (the
/// outbox key); a digest missed by more than <see cref="LateWindow"/> (downtime) is skipped rather than posted stale.
/// </summary>
public sealed class ShoutoutDigestScheduler(LearningBotDbContext db, OutboxWriter outbox, BadgeAwarder badges, TimeProvider clock, IOptions<RecognitionOptions> options, ILogger<ShoutoutDigestScheduler> logger)
{
    public static readonly TimeSpan LateWindow = TimeSpan.FromHours(6);

    /// <summary>Returns how many digests were written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Before the digest, so a streak badge earned this week is in it.
        await badges.AwardQuizStreaksAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var channels = await db.Set<LearningChannelRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var conversation in channels.GroupBy(c => (c.Channel, c.ConversationId)))
        {
            var zone = LocalCalendar.Zone(conversation.Select(c => c.TimeZone).FirstOrDefault(z => z is not null), settings.DefaultTimeZone);
            var local = LocalCalendar.LocalDateTime(now, zone);
            var scheduled = LastScheduled(local, settings);
            if (local - scheduled > LateWindow)
            {
                continue;
            }
            var key = $"digest:{conversation.Key.Channel}:{conversation.Key.ConversationId}:{scheduled:yyyy-MM-dd}";
            if (key.Length > 200 || await db.Set<OutboxMessageRecord>().AnyAsync(m => m.IdempotencyKey == key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            var to = new DateTimeOffset(scheduled, zone.GetUtcOffset(scheduled)).ToUniversalTime();
            var from = to - (settings.DigestCadence == DigestCadence.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7));
            var teams = conversation.Select(c => c.TeamId).ToList();
            // The organisation-wide channel ("" team) also covers teams without a learning channel of their own.
            var excluded = channels.Where(c => c.Channel == conversation.Key.Channel && c.ConversationId != conversation.Key.ConversationId).Select(c => c.TeamId).ToList();
            var row = outbox.Add(key, ShoutoutDigestComposer.DigestKind, conversation.Key.Channel, Guid.Empty,
                JsonSerializer.Serialize(new DigestPeriod(from, to, teams, excluded)));
            row.PersonId = null;
            row.ConversationId = conversation.Key.ConversationId;
            if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                Log.DigestQueued(logger, conversation.Key.Channel, conversation.Key.ConversationId, to);
                written++;
            }
            // else another instance wrote it
        }
        return written;
    }

    /// <summary>The latest scheduled local moment at or before <paramref name="local"/>.</summary>
    public static DateTime LastScheduled(DateTime local, RecognitionOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var candidate = local.Date + settings.DigestTime.ToTimeSpan();
        if (settings.DigestCadence == DigestCadence.Daily)
        {
            return candidate <= local ? candidate : candidate.AddDays(-1);
        }
        var back = ((int)local.DayOfWeek - (int)settings.DigestDay + 7) % 7;
        candidate = candidate.AddDays(-back);
        return candidate <= local ? candidate : candidate.AddDays(-7);
    }
}

/// <summary>
/// The digest card: the period's recognitions, learning shares, quiz streaks and badges, written warmly. It only
/// ever names people for something they did; nobody is listed for being absent.
/// </summary>
public sealed class ShoutoutDigestComposer(LearningBotDbContext db, IEnumerable<ChannelTraits> channels) : IOutboxComposer
{
    public const string DigestKind = "recognition-digest";
    /// <summary>Quiz streaks from this length are celebrated.</summary>
    public const int StreakWorthCelebrating = 5;

    /// <summary>FSRS stability (days until predicted recall falls to 90%) from which a quizzed lesson counts as mastered.</summary>
    public const double MasteredStabilityDays = 21;
    private const int MaxLines = 20;

    public string Kind => DigestKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var period = JsonSerializer.Deserialize<DigestPeriod>(message.Payload);
        return period is null ? null : OutboundMessage.FromCard(await ComposeAsync(message.Channel, period, cancellationToken).ConfigureAwait(false));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<Card> ComposeAsync(ChannelKind channel, DigestPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var name = channel;
        var orgWide = period.Teams.Contains("");
        bool InScope(string team) => period.Teams.Contains(team) || (orgWide && !period.ExcludedTeams.Contains(team));

        var all = await db.Set<RecognitionEntryRecord>().AsNoTracking().Where(e => e.Channel == name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reversed = all.Where(e => e.ReversesEntryId is not null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        var recognitions = all
            .Where(e => e.Points > 0 && !reversed.Contains(e.Id) && e.CreatedAt >= period.From && e.CreatedAt < period.To && InScope(e.TeamId))
            .OrderBy(e => e.CreatedAt).ToList();
        var shares = (await db.Set<RecognitionPostRecord>().AsNoTracking()
                .Where(p => p.Channel == name && p.Kind == RecognitionPostKind.LearningShare).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.CreatedAt >= period.From && p.CreatedAt < period.To && InScope(p.TeamId)).OrderBy(p => p.CreatedAt).ToList();

        // The people of this team: anyone who gave, received or shared here, plus the team's accounts — those whose
        // tenant is a team in scope, or every account of the channel when a tenant says nothing about teams.
        var teamPeople = recognitions.SelectMany(e => new[] { e.GiverPersonId, e.RecipientPersonId }).Concat(shares.Select(s => s.SubjectPersonId)).ToHashSet();
        var accounts = await db.Set<ChannelAccountRecord>().AsNoTracking().Where(a => a.Channel == name)
            .Select(a => new { a.PersonId, a.TenantId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tenantIsTeam = channels.FirstOrDefault(c => c.Channel == channel)?.AccountTenantIsTeam == true;
        foreach (var account in accounts.Where(a => !tenantIsTeam || (a.TenantId is not null && InScope(a.TenantId))))
        {
            teamPeople.Add(account.PersonId);
        }
        var streaks = (await db.Set<QuizSettingsRecord>().AsNoTracking().Where(s => s.Streak >= StreakWorthCelebrating)
                .Select(s => new { s.PersonId, s.Streak }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => teamPeople.Contains(s.PersonId)).OrderByDescending(s => s.Streak).ToList();
        // Lessons mastered this week: every question of the lesson a learner has been quizzed on holds its predicted
        // recall at 90% or more for three weeks (FSRS stability), and the last of them was reviewed this week.
        var mastered = (await db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.Reps > 0)
                .Select(c => new { c.PersonId, c.LessonId, c.Stability, c.LastReview }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => teamPeople.Contains(c.PersonId))
            .GroupBy(c => (c.PersonId, c.LessonId))
            .Where(g => g.All(c => c.Stability >= MasteredStabilityDays) && g.Max(c => c.LastReview) is { } last && last >= period.From && last < period.To)
            .Select(g => g.Key)
            .OrderBy(k => k.LessonId, StringComparer.Ordinal)
            .ToList();
        var masteredIds = mastered.Select(m => m.LessonId).Distinct().ToList();
        var lessonTitles = await db.Lessons.AsNoTracking().Where(l => masteredIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken).ConfigureAwait(false);
        // Lessons that debriefs published this week, from the people of this team (or anyone, for an org-wide digest).
        var debriefLessons = (await db.Set<DebriefLessonRecord>().AsNoTracking().Where(l => l.Status == DebriefLessonStatus.Published)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(l => l.DecidedAt >= period.From && l.DecidedAt < period.To && (orgWide || teamPeople.Contains(l.AuthorPersonId)))
            .OrderBy(l => l.DecidedAt).ToList();
        foreach (var author in debriefLessons.Select(l => l.AuthorPersonId))
        {
            teamPeople.Add(author);
        }
        var badges = (await db.Set<BadgeAwardRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(b => b.AwardedAt >= period.From && b.AwardedAt < period.To && teamPeople.Contains(b.PersonId)).OrderBy(b => b.AwardedAt).ThenBy(b => b.Id).ToList();

        var ids = teamPeople.ToList();
        var names = await db.Set<PersonRecord>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        string Name(Guid id) => RecognitionCards.NameOr(names.GetValueOrDefault(id));

        var body = new List<CardElement>();
        if (recognitions.Count == 0 && shares.Count == 0 && streaks.Count == 0 && badges.Count == 0 && mastered.Count == 0 && debriefLessons.Count == 0)
        {
            body.Add(new TextElement("A quiet week for shoutouts — the first one of next week could be yours. React with 🎓 to a colleague's message, type **kudos @name for …**, or **share** something you learned."));
            return new Card { Title = "🎉 This week in learning", Body = body };
        }
        body.Add(new TextElement("Here's to everyone who taught, helped and learned this week. Thank you! 🎉"));
        if (recognitions.Count > 0)
        {
            body.Add(new HeadingElement($"Shoutouts ({recognitions.Count})"));
            body.Add(new TextElement(Lines(recognitions.Select(e => RecognitionLine(e, Name)))));
        }
        if (shares.Count > 0)
        {
            body.Add(new HeadingElement("Learning shared"));
            body.Add(new TextElement(Lines(shares.Select(s => $"💡 **{Name(s.SubjectPersonId)}**: {Shorten(s.Text)}"))));
        }
        if (streaks.Count > 0)
        {
            body.Add(new HeadingElement("Quiz streaks"));
            body.Add(new TextElement(Lines(streaks.Select(s => $"🔥 **{Name(s.PersonId)}** — {s.Streak.ToString(CultureInfo.InvariantCulture)} daily quizzes in a row"))));
        }
        if (mastered.Count > 0)
        {
            body.Add(new HeadingElement("Lessons mastered"));
            body.Add(new TextElement(Lines(mastered.Select(m => $"🧠 **{Name(m.PersonId)}** — {lessonTitles.GetValueOrDefault(m.LessonId, m.LessonId)}"))));
        }
        if (debriefLessons.Count > 0)
        {
            body.Add(new HeadingElement("New lessons from debriefs"));
            body.Add(new TextElement(Lines(debriefLessons.Select(l => $"📘 **{Name(l.AuthorPersonId)}**: {Shorten(l.Text)}"))));
        }
        if (badges.Count > 0)
        {
            body.Add(new HeadingElement("New badges"));
            body.Add(new TextElement(Lines(badges.Select(b => $"🏅 **{Name(b.PersonId)}** earned {b.BadgeId}"))));
        }
        body.Add(new TextElement("Recognise someone any time: react with 🎓 or type **kudos @name for …**.") { Subtle = true });
        return new Card { Title = "🎉 This week in learning", Body = body };
    }

    private static string RecognitionLine(RecognitionEntryRecord e, Func<Guid, string> name)
    {
        var line = new StringBuilder(e.Source switch
        {
            RecognitionSource.Endorsement => $"👏 **{name(e.GiverPersonId)}** added thanks to **{name(e.RecipientPersonId)}**'s shoutout",
            RecognitionSource.ShareReaction => $"💡 **{name(e.GiverPersonId)}** found **{name(e.RecipientPersonId)}**'s learning share useful",
            RecognitionSource.Reaction => $"🎓 **{name(e.GiverPersonId)}** recognised **{name(e.RecipientPersonId)}**'s message",
            _ => $"🎓 **{name(e.GiverPersonId)}** recognised **{name(e.RecipientPersonId)}**",
        });
        if (e.Source is RecognitionSource.Command or RecognitionSource.MessageAction && e.Reason is { Length: > 0 } reason)
        {
            line.Append(CultureInfo.InvariantCulture, $": “{Shorten(reason)}”");
        }
        if (e.Value is { Length: > 0 } value)
        {
            line.Append(CultureInfo.InvariantCulture, $" #{value}");
        }
        return line.ToString();
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        var shown = list.Take(MaxLines).Select(l => "- " + l).ToList();
        if (list.Count > MaxLines)
        {
            shown.Add($"- …and {list.Count - MaxLines} more");
        }
        return string.Join("\n", shown);
    }

    private static string Shorten(string text) => text.Length > 140 ? text[..137] + "…" : text;
}

/// <summary>The Quartz job: runs <see cref="ShoutoutDigestScheduler"/> once.</summary>
[DisallowConcurrentExecution]
public sealed class ShoutoutDigestJob(ShoutoutDigestScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("shoutout-digest", "recognition");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
