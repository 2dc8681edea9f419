using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Recognition;

/// <summary>
/// Awards the configured badges (<see cref="RecognitionOptions.Badges"/>) once a person's measure reaches the
/// threshold, each once, and announces it to the person through the outbox.
/// </summary>
public sealed class BadgeAwarder(LearningBotDbContext db, OutboxWriter outbox, TimeProvider clock, IOptions<RecognitionOptions> options, ILogger<BadgeAwarder> logger)
{
    /// <summary>Awards whatever the people have newly earned; returns the new awards.</summary>
    public async Task<IReadOnlyList<BadgeAwardRecord>> CheckAsync(ChannelKind channel, IEnumerable<Guid> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var awarded = new List<BadgeAwardRecord>();
        foreach (var person in people.Distinct())
        {
            var held = await db.Set<BadgeAwardRecord>().Where(b => b.PersonId == person).Select(b => b.BadgeId)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var rule in options.Value.EffectiveBadges.Where(r => !held.Contains(r.Id)))
            {
                if (await MeasureAsync(person, rule.Measure, cancellationToken).ConfigureAwait(false) < rule.Threshold)
                {
                    continue;
                }
                var award = new BadgeAwardRecord { PersonId = person, BadgeId = rule.Id, AwardedAt = clock.GetUtcNow() };
                db.Set<BadgeAwardRecord>().Add(award);
                outbox.AddText($"badge:{person:N}:{rule.Id}", channel, person, RecognitionCards.BadgeNote(rule));
                // Else awarded by a concurrent give a moment ago.
                if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
                {
                    Log.BadgeAwarded(logger, rule.Id, person);
                    awarded.Add(award);
                }
            }
        }
        return awarded;
    }

    /// <summary>
    /// Quiz streaks grow without a recognition turn, so the digest job calls this on each run: everyone whose streak
    /// reaches a quiz-streak badge gets it, announced in the channel they use.
    /// </summary>
    public async Task<IReadOnlyList<BadgeAwardRecord>> AwardQuizStreaksAsync(CancellationToken cancellationToken)
    {
        var rules = options.Value.EffectiveBadges.Where(r => r.Measure == BadgeMeasure.QuizStreak).ToList();
        if (rules.Count == 0)
        {
            return [];
        }
        var lowest = rules.Min(r => r.Threshold);
        var candidates = await db.Set<QuizSettingsRecord>().AsNoTracking()
            .Where(s => s.Streak >= lowest)
            .Select(s => s.PersonId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var awarded = new List<BadgeAwardRecord>();
        foreach (var person in candidates)
        {
            var channel = await db.Set<People.ChannelAccountRecord>().AsNoTracking().Where(a => a.PersonId == person)
                .OrderBy(a => a.Id).Select(a => (ChannelKind?)a.Channel).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (channel is { } kind)
            {
                awarded.AddRange(await CheckAsync(kind, [person], cancellationToken).ConfigureAwait(false));
            }
        }
        return awarded;
    }

    public async Task<int> MeasureAsync(Guid person, BadgeMeasure measure, CancellationToken cancellationToken)
    {
        var entries = db.Set<RecognitionEntryRecord>();
        switch (measure)
        {
            case BadgeMeasure.RecognitionsGiven:
                return await entries.Where(e => e.GiverPersonId == person).SumAsync(e => e.Points, cancellationToken).ConfigureAwait(false);
            case BadgeMeasure.RecognitionsReceived:
                return await entries.Where(e => e.RecipientPersonId == person).SumAsync(e => e.Points, cancellationToken).ConfigureAwait(false);
            case BadgeMeasure.QuizStreak:
                return await db.Set<QuizSettingsRecord>().Where(s => s.PersonId == person).Select(s => s.Streak)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            case BadgeMeasure.EndorsedShares:
                var shares = db.Set<RecognitionPostRecord>()
                    .Where(p => p.Kind == RecognitionPostKind.LearningShare && p.SubjectPersonId == person).Select(p => p.Id);
                var net = await entries.Where(e => e.PostId != null && shares.Contains(e.PostId.Value))
                    .GroupBy(e => e.PostId).Select(g => g.Sum(e => e.Points))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                return net.Count(n => n > 0);
            default:
                return 0;
        }
    }
}
