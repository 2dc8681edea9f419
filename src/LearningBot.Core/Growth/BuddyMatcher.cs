using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Growth;

/// <summary>
/// Finds a new hire's learning buddy: the one the directory names (<c>buddy_email</c>) if they can be reached, else a
/// volunteer (<c>buddy volunteer</c>) — never the new hire's manager, never someone who passed on this new hire, on
/// another team where one is free, and of those the one with the fewest new hires to look after now.
/// </summary>
public sealed class BuddyMatcher(LearningBotDbContext db)
{
    /// <summary>The buddy and the channel to reach them on, or null when nobody is free.</summary>
    public async Task<(Guid PersonId, ChannelKind Channel)?> FindAsync(PersonRecord hire, OnboardingJourneyRecord journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hire);
        ArgumentNullException.ThrowIfNull(journey);
        var excluded = journey.PassedBuddies.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();
        excluded.Add(hire.Id);
        if (hire.ManagerPersonId is { } manager)
        {
            excluded.Add(manager);
        }
        if (hire.BuddyPersonId is { } named && !excluded.Contains(named))
        {
            var channel = await ChannelOfAsync(named, cancellationToken).ConfigureAwait(false);
            if (channel is not null)
            {
                return (named, channel.Value);
            }
        }
        var volunteers = await (from v in db.Set<BuddyVolunteerRecord>().AsNoTracking()
                                join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                                where p.Accounts.Any()
                                select new { p.Id, p.Team, v.VolunteeredAt, Channel = p.Accounts.OrderBy(a => a.Id).Select(a => a.Channel).First() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var free = volunteers.Where(v => !excluded.Contains(v.Id)).ToList();
        if (free.Count == 0)
        {
            return null;
        }
        var freeIds = free.Select(v => v.Id).ToList();
        var load = (await db.Set<OnboardingJourneyRecord>().AsNoTracking()
                .Where(j => j.FinishedAt == null && !j.Stopped && j.BuddyPersonId != null && freeIds.Contains(j.BuddyPersonId.Value))
                .Select(j => j.BuddyPersonId!.Value).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var best = free
            .OrderBy(v => hire.Team is not null && string.Equals(v.Team, hire.Team, StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ThenBy(v => load.GetValueOrDefault(v.Id))
            .ThenBy(v => v.VolunteeredAt)
            .ThenBy(v => v.Id)
            .First();
        return (best.Id, best.Channel);
    }

    private async Task<ChannelKind?> ChannelOfAsync(Guid personId, CancellationToken cancellationToken)
    {
        var channels = await db.ChannelAccounts.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.Id)
            .Select(a => a.Channel).ToListAsync(cancellationToken).ConfigureAwait(false);
        return channels.Count == 0 ? null : channels[0];
    }

    /// <summary>Makes <paramref name="buddyId"/> the journey's buddy and queues the introduction to both (saved by the caller).</summary>
    public static void Introduce(OutboxWriter outbox, OnboardingJourneyRecord journey, Guid buddyId, ChannelKind buddyChannel, ChannelKind hireChannel, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(journey);
        journey.BuddyRound++;
        journey.BuddyPersonId = buddyId;
        var hire = journey.PersonId;
        var payload = BuddyPayload.Format(hire, buddyId, journey.BuddyRound);
        outbox.Add($"growth:{hire:N}:buddy:{journey.BuddyRound}:hire", OnboardingScheduler.BuddyKind, hireChannel, hire, payload + ":hire", expiresAt);
        outbox.Add($"growth:{hire:N}:buddy:{journey.BuddyRound}:buddy", OnboardingScheduler.BuddyKind, buddyChannel, buddyId, payload + ":buddy", expiresAt);
    }
}

/// <summary>A buddy introduction's outbox payload: "hire:buddy:round:hire|buddy" (ids without dashes).</summary>
internal static class BuddyPayload
{
    public static string Format(Guid hire, Guid buddy, int round) =>
        $"{hire:N}:{buddy:N}:{round.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static (Guid Hire, Guid Buddy, int Round, bool ForBuddy)? Parse(string payload)
    {
        var parts = payload.Split(':');
        return parts.Length == 4 && Guid.TryParseExact(parts[0], "N", out var hire) && Guid.TryParseExact(parts[1], "N", out var buddy)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round)
            ? (hire, buddy, round, parts[3] == "buddy")
            : null;
    }
}
