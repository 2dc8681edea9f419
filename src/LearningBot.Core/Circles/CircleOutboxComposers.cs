using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Circles;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Circles;

/// <summary>A member's check-in card, with what they already wrote this round.</summary>
public sealed class CircleCheckInComposer(LearningBotDbContext db) : IOutboxComposer
{
    public string Kind => CircleScheduler.CheckInKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (round, circle) = await CircleRound.LoadAsync(db, message.Payload, cancellationToken).ConfigureAwait(false);
        if (round is null || circle is null || round.RoundUpSentAt is not null)
        {
            return null;
        }
        var current = await db.Set<CircleCheckInRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.RoundId == round.Id && c.PersonId == message.PersonId, cancellationToken).ConfigureAwait(false);
        return OutboundMessage.FromCard(CircleCards.CheckIn(circle, round, current));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The round-up for the circle's conversation: facilitator, check-ins, and stuck items paired with helpers.</summary>
public sealed class CircleRoundUpComposer(LearningBotDbContext db) : IOutboxComposer
{
    /// <summary>How many earlier rounds' learning counts as "recent" when pairing stuck items.</summary>
    private const int RecentRounds = 3;

    public string Kind => CircleScheduler.RoundUpKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (round, circle) = await CircleRound.LoadAsync(db, message.Payload, cancellationToken).ConfigureAwait(false);
        if (round is null || circle is null)
        {
            return null;
        }
        var members = await db.Set<CircleMemberRecord>().AsNoTracking().Where(m => m.CircleId == circle.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = members.ToDictionary(m => m.PersonId, m => m.Name);
        var recent = await (from c in db.Set<CircleCheckInRecord>().AsNoTracking()
                            join r in db.Set<CircleRoundRecord>().AsNoTracking() on c.RoundId equals r.Id
                            where r.CircleId == circle.Id && r.Number <= round.Number && r.Number > round.Number - RecentRounds
                            orderby r.Number descending, c.SubmittedAt
                            select new { c.PersonId, c.Learned, c.Stuck, c.TryNext, r.Number }).ToListAsync(cancellationToken).ConfigureAwait(false);
        CircleCheckInView View(Guid person, string learned, string stuck, string next) => new(names.GetValueOrDefault(person) ?? "someone", learned, stuck, next);
        var thisRound = recent.Where(c => c.Number == round.Number).Select(c => View(c.PersonId, c.Learned, c.Stuck, c.TryNext)).ToList();
        var checkedIn = recent.Where(c => c.Number == round.Number).Select(c => c.PersonId).ToHashSet();
        var quiet = members.Where(m => m.LeftAt is null && !m.Paused && !checkedIn.Contains(m.PersonId)).Select(m => m.Name).ToList();
        var pairings = CircleRotation.PairStuck(thisRound, [.. recent.Select(c => View(c.PersonId, c.Learned, c.Stuck, c.TryNext))]);
        var facilitator = round.FacilitatorPersonId is { } f ? names.GetValueOrDefault(f) : null;
        var peerPairs = (round.Pairs ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => string.Join(" & ", pair.Split('+').Select(id => Guid.TryParse(id, out var g) ? names.GetValueOrDefault(g) ?? "someone" : "someone")))
            .ToList();
        return OutboundMessage.FromCard(CircleCards.RoundUp(circle, round, facilitator, thisRound, quiet, pairings, peerPairs));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The round an outbox payload names (its id) and that round's circle; nulls when either is gone.</summary>
internal static class CircleRound
{
    public static async Task<(CircleRoundRecord? Round, CircleRecord? Circle)> LoadAsync(LearningBotDbContext db, string payload, CancellationToken cancellationToken)
    {
        if (!long.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var roundId))
        {
            return (null, null);
        }
        var round = await db.Set<CircleRoundRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken).ConfigureAwait(false);
        var circle = round is null ? null : await db.Set<CircleRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == round.CircleId, cancellationToken).ConfigureAwait(false);
        return (round, circle);
    }
}
