using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Core.Circles;

/// <summary>What one scheduler run did: rounds opened, check-ins and round-ups queued.</summary>
public sealed record CircleRunReport(int RoundsOpened, int CheckInsQueued, int RoundUpsQueued);

/// <summary>
/// Runs circles' rounds: opens a round (check-in cards to active members) when the meeting is within
/// <see cref="CircleOptions.CheckInLead"/>, and closes it with the round-up (facilitator, check-ins, pairings) within
/// <see cref="CircleOptions.RoundUpLead"/>. Each step is claimed in the database first, so it happens once even with
/// several instances; outbox keys make each message unique.
/// </summary>
public sealed class CircleScheduler(LearningBotDbContext db, OutboxWriter outbox, IOptions<CircleOptions> options, TimeProvider clock, ILogger<CircleScheduler> logger)
{
    public const string CheckInKind = "circle-checkin";
    public const string RoundUpKind = "circle-roundup";

    public async Task<CircleRunReport> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        int opened = 0, checkIns = 0, roundUps = 0;
        var horizon = now + settings.CheckInLead;
        var circleIds = await db.Set<CircleRecord>().AsNoTracking().Where(c => c.NextMeetingAt <= horizon).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var circleId in circleIds)
        {
            db.ChangeTracker.Clear();
            var circle = await db.Set<CircleRecord>().SingleAsync(c => c.Id == circleId, cancellationToken).ConfigureAwait(false);
            var round = await db.Set<CircleRoundRecord>().SingleOrDefaultAsync(r => r.CircleId == circleId && r.Number == circle.RoundsHeld + 1, cancellationToken).ConfigureAwait(false);
            if (round is null)
            {
                var queued = await OpenRoundAsync(circle, now, cancellationToken).ConfigureAwait(false);
                if (queued is null)
                {
                    continue;
                }
                opened++;
                checkIns += queued.Value;
                round = await db.Set<CircleRoundRecord>().SingleAsync(r => r.CircleId == circleId && r.Number == circle.RoundsHeld + 1, cancellationToken).ConfigureAwait(false);
            }
            if (now >= round.MeetingAt - settings.RoundUpLead && await CloseRoundAsync(circle, round, now, cancellationToken).ConfigureAwait(false))
            {
                roundUps++;
            }
        }
        return new CircleRunReport(opened, checkIns, roundUps);
    }

    private async Task<int?> OpenRoundAsync(CircleRecord circle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = circle.RoundsHeld + 1;
        var round = new CircleRoundRecord { CircleId = circle.Id, Number = number, MeetingAt = circle.NextMeetingAt, CheckInsSentAt = now };
        db.Set<CircleRoundRecord>().Add(round);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return null; // another instance opened it
        }
        var members = await ActiveMembersAsync(circle.Id, cancellationToken).ConfigureAwait(false);
        var channel = circle.Channel;
        var queued = 0;
        foreach (var member in members.Where(m => m.SkipsRound != number))
        {
            outbox.Add($"circle:{circle.Id:N}:round:{number}:checkin:{member.PersonId:N}", CheckInKind, channel, member.PersonId,
                round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), expiresAt: round.MeetingAt);
            queued++;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Log.RoundOpened(logger, circle.Id, number, queued);
        return queued;
    }

    private async Task<bool> CloseRoundAsync(CircleRecord circle, CircleRoundRecord round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            if (!await CircleSteps.CheckingIn.TryMoveOnAsync(db.Set<CircleRoundRecord>().Where(r => r.Id == round.Id),
                    set => set.SetProperty(r => r.RoundUpSentAt, now), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            var members = await ActiveMembersAsync(circle.Id, cancellationToken).ConfigureAwait(false);
            var taking = members.Where(m => m.SkipsRound != round.Number).ToList();
            var checkedIn = await db.Set<CircleCheckInRecord>().Where(c => c.RoundId == round.Id).Select(c => c.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var facilitator = CircleRotation.NextFacilitator(taking);
            if (facilitator is not null)
            {
                facilitator.TimesFacilitated++;
            }
            var channel = circle.Channel;
            foreach (var member in taking)
            {
                member.MissedInARow = checkedIn.Contains(member.PersonId) ? 0 : member.MissedInARow + 1;
                if (member.MissedInARow == options.Value.MissedBeforeAskingToPause)
                {
                    outbox.AddText($"circle:{circle.Id:N}:round:{round.Number}:pause-ask:{member.PersonId:N}", channel, member.PersonId,
                        $"I haven't had a check-in from you for **{circle.Name}** for {member.MissedInARow} rounds — that's completely fine. If now isn't a good time, say **circle pause {circle.Name}** and I'll stop the cards until you **circle resume {circle.Name}**.");
                }
            }
            foreach (var member in members.Where(m => m.SkipsRound == round.Number))
            {
                member.SkipsRound = null;
            }
            var stored = await db.Set<CircleRoundRecord>().SingleAsync(r => r.Id == round.Id, cancellationToken).ConfigureAwait(false);
            stored.FacilitatorPersonId = facilitator?.PersonId;
            if (circle.PeerPairs && taking.Count >= 2)
            {
                var key = CircleRotation.PairingKey(taking.Select(m => m.PersonId));
                var turnIndex = await db.Set<CircleRoundRecord>().CountAsync(r => r.CircleId == circle.Id && r.PairingKey == key && r.Id != round.Id, cancellationToken).ConfigureAwait(false);
                stored.PairingKey = key;
                stored.Pairs = string.Join(';', CircleRotation.Pairs([.. taking.Select(m => m.PersonId)], turnIndex).Select(p => string.Join('+', p)));
            }
            stored.RoundUpSentAt = now;
            circle.RoundsHeld = round.Number;
            var zone = LocalCalendar.Zone(circle.TimeZone);
            var cadence = Enum.Parse<CircleCadence>(circle.Cadence);
            var next = CircleCalendar.Following(round.MeetingAt, cadence, circle.Day, circle.LocalTime, zone);
            // After downtime, skip meetings already in the past rather than replaying them.
            while (next <= now)
            {
                next = CircleCalendar.Following(next, cadence, circle.Day, circle.LocalTime, zone);
            }
            circle.NextMeetingAt = next;
            var roundUp = outbox.Add($"circle:{circle.Id:N}:round:{round.Number}:roundup", RoundUpKind, channel, Guid.Empty,
                round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            roundUp.PersonId = null;
            roundUp.ConversationId = circle.ConversationId;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Log.RoundUpQueued(logger, circle.Id, round.Number, taking.Count(m => checkedIn.Contains(m.PersonId)), taking.Count, facilitator?.PersonId);
            return true;
        }).ConfigureAwait(false);
    }

    private Task<List<CircleMemberRecord>> ActiveMembersAsync(Guid circleId, CancellationToken cancellationToken) =>
        db.Set<CircleMemberRecord>().Where(m => m.CircleId == circleId && m.LeftAt == null && !m.Paused)
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
}

/// <summary>Who facilitates, who pairs with whom, and who can help whom.</summary>
public static class CircleRotation
{
    /// <summary>
    /// Round <paramref name="turn"/> of a round-robin ("circle method") over <paramref name="members"/> in their order: with
    /// the same members, no pair repeats until every pair has met (n−1 rounds, n for an odd count). With an odd count the
    /// member who would sit out joins the first pair as a trio.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Guid>> Pairs(IReadOnlyList<Guid> members, int turn)
    {
        ArgumentNullException.ThrowIfNull(members);
        var slots = members.Select(m => (Guid?)m).ToList();
        if (slots.Count % 2 == 1)
        {
            slots.Add(null);
        }
        var n = slots.Count;
        if (n < 2)
        {
            return [];
        }
        var rest = slots.Skip(1).ToList();
        var shift = turn % (n - 1);
        var arranged = new List<Guid?> { slots[0] };
        arranged.AddRange(rest.Skip(rest.Count - shift).Concat(rest.Take(rest.Count - shift)));
        var pairs = new List<List<Guid>>();
        Guid? alone = null;
        for (var i = 0; i < n / 2; i++)
        {
            var (a, b) = (arranged[i], arranged[n - 1 - i]);
            if (a is null || b is null)
            {
                alone = a ?? b;
                continue;
            }
            pairs.Add([a.Value, b.Value]);
        }
        if (alone is { } single && pairs.Count > 0)
        {
            pairs[0].Add(single);
        }
        return pairs;
    }

    /// <summary>A short stable key for a set of members.</summary>
    public static string PairingKey(IEnumerable<Guid> members) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join(',', members.Order().Select(m => m.ToString("N")))))).ToLowerInvariant();

    /// <summary>The member who has facilitated least (earliest joined first): nobody facilitates twice before everyone has once.</summary>
    public static CircleMemberRecord? NextFacilitator(IEnumerable<CircleMemberRecord> members) =>
        members.OrderBy(m => m.TimesFacilitated).ThenBy(m => m.JoinedAt).ThenBy(m => m.Id).FirstOrDefault();

    /// <summary>
    /// For each member stuck on something, the other member whose recent learning shares the most words with it
    /// (keyword overlap; members without overlap are not paired).
    /// </summary>
    public static IReadOnlyList<CirclePairing> PairStuck(IReadOnlyList<CircleCheckInView> thisRound, IReadOnlyList<CircleCheckInView> recentLearning)
    {
        ArgumentNullException.ThrowIfNull(thisRound);
        ArgumentNullException.ThrowIfNull(recentLearning);
        var pairings = new List<CirclePairing>();
        foreach (var stuck in thisRound.Where(c => c.Stuck.Length > 0))
        {
            var terms = QueryTerms.From(stuck.Stuck).ToHashSet(StringComparer.Ordinal);
            var best = recentLearning
                .Where(l => l.Name != stuck.Name && l.Learned.Length > 0)
                .Select(l => (Learning: l, Overlap: QueryTerms.From(l.Learned).Count(terms.Contains)))
                .Where(x => x.Overlap > 0)
                .OrderByDescending(x => x.Overlap)
                .FirstOrDefault();
            if (best.Learning is not null)
            {
                pairings.Add(new CirclePairing(stuck.Name, stuck.Stuck, best.Learning.Name, best.Learning.Learned));
            }
        }
        return pairings;
    }
}

/// <summary>The Quartz job: runs <see cref="CircleScheduler"/> once.</summary>
[DisallowConcurrentExecution]
public sealed class CircleRoundJob(CircleScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("circle-rounds", "circles");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scheduler.RunAsync(cancellationToken).ConfigureAwait(false);
}
