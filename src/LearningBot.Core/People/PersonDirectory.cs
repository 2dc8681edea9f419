using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.People;

/// <summary>
/// Finds or creates the person behind a channel account, keeping name and time zone fresh, and links accounts to the
/// people directory by work email: an account whose email a directory entry has becomes that person, so a person's
/// Teams account, Slack account and directory row (manager, team, role) are one person.
/// </summary>
public sealed partial class PersonDirectory(
    LearningBotDbContext db,
    IEnumerable<IChannelPeopleLookup> lookups,
    TimeProvider clock,
    ILogger<PersonDirectory> logger)
{
    /// <summary>How long a Teams account whose email could not be learned waits before the channel is asked again.</summary>
    public static readonly TimeSpan EmailRecheck = TimeSpan.FromDays(7);

    /// <summary>How often a turn that carries the account's email refreshes the account's "email checked" time.</summary>
    public static readonly TimeSpan EmailNoted = TimeSpan.FromDays(1);

    public async Task<Guid> ResolveAsync(ChannelKind channel, ChannelUser user, string? timeZone, string? locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = channel;
        var email = EmailAddress.Normalize(user.Email);
        for (var attempt = 0; ; attempt++)
        {
            var account = await db.ChannelAccounts
                .SingleOrDefaultAsync(a => a.Channel == name && a.ExternalId == user.Id, cancellationToken)
                .ConfigureAwait(false);
            PersonRecord? person;
            if (account is null)
            {
                // A new account whose email the directory (or the person's other channel) knows joins that person.
                person = email is null ? null : await db.People.SingleOrDefaultAsync(p => p.Email == email, cancellationToken).ConfigureAwait(false);
                if (person is null)
                {
                    person = new PersonRecord { Id = Guid.NewGuid(), CreatedAt = clock.GetUtcNow(), Email = email };
                    db.People.Add(person);
                }
                account = new ChannelAccountRecord { Channel = name, ExternalId = user.Id, PersonId = person.Id };
                db.ChannelAccounts.Add(account);
            }
            else
            {
                person = await db.People.SingleAsync(p => p.Id == account.PersonId, cancellationToken).ConfigureAwait(false);
            }

            if (!string.IsNullOrWhiteSpace(user.Name))
            {
                person.DisplayName = user.Name;
            }
            person.TimeZone = IsKnownTimeZone(timeZone) ? timeZone : person.TimeZone;
            person.Locale = locale ?? person.Locale;
            account.AadObjectId = user.AadObjectId ?? account.AadObjectId;
            account.TenantId = user.TenantId ?? account.TenantId;
            // The channel gave the email with the turn: noted once a day at most, so a returning person's turn
            // rewrites nothing (name, time zone and locale are written only when they change).
            if (email is not null && !(account.EmailCheckedAt > clock.GetUtcNow() - EmailNoted))
            {
                account.EmailCheckedAt = clock.GetUtcNow();
            }
            if (attempt == 0 && !await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                // A concurrent first message from the same person created the account; read theirs.
                continue;
            }
            if (attempt > 0)
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            return email is not null && person.Email != email
                ? await LinkEmailAsync(account, email, cancellationToken).ConfigureAwait(false)
                : person.Id;
        }
    }

    /// <summary>
    /// The person behind someone mentioned in a message. A mention's name is the sender's spelling (a Slack username,
    /// say), so it names only people the bot has not met yet; a known person keeps the name their own turns gave.
    /// </summary>
    public async Task<Guid> ResolveMentionAsync(ChannelKind channel, ChannelUser mentioned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentioned);
        var name = channel;
        var known = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Channel == name && a.ExternalId == mentioned.Id)
            .Select(a => (Guid?)a.PersonId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return known ?? await ResolveAsync(channel, mentioned, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a channel that does not put the email on its events (Teams), asks it once a week per account until the
    /// email is known, and links the account. Returns the person the account belongs to afterwards. A failed lookup
    /// is logged and changes nothing: the directory is a help, never a reason to drop a turn.
    /// </summary>
    public async Task<Guid> LearnEmailAsync(Turn turn, ConversationReferenceRecord where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(where);
        var lookup = lookups.FirstOrDefault(l => l.Channel == turn.Channel);
        var name = turn.Channel;
        // ResolveAsync loaded the account and its person into this scope a moment ago; read them without a query.
        var account = db.ChannelAccounts.Local.FirstOrDefault(a => a.Channel == name && a.ExternalId == turn.From.Id)
            ?? await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Channel == name && a.ExternalId == turn.From.Id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (lookup is null || account is null || turn.From.IsBot || account.EmailCheckedAt > now - EmailRecheck)
        {
            return account?.PersonId ?? turn.PersonId;
        }
        var person = db.People.Local.FirstOrDefault(p => p.Id == account.PersonId)
            ?? await db.People.SingleAsync(p => p.Id == account.PersonId, cancellationToken).ConfigureAwait(false);
        if (person.Email is not null)
        {
            return person.Id;
        }
        account.EmailCheckedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var found = await lookup.FindAsync(where, turn.From.AadObjectId ?? turn.From.Id, cancellationToken).ConfigureAwait(false);
        if (EmailAddress.Normalize(found?.Email) is not { } email)
        {
            Log.NoEmail(logger, turn.Channel);
            return account.PersonId;
        }
        return await LinkEmailAsync(account, email, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the account's person this email. If the directory already has a person with it who has no channel
    /// account yet, that entry is merged into the account's person (its manager, team, role and reports move over).
    /// If that person already uses another channel, the account moves to them, with its conversations. If both
    /// sides have history in the same channel, nothing is merged and the conflict is logged.
    /// </summary>
    private async Task<Guid> LinkEmailAsync(ChannelAccountRecord account, string email, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryLinkEmailAsync(account, email, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (attempt < 2 && db.IsUniqueViolation(exception))
            {
                // Another account took the email between the read and the write (its person committed first): undo
                // this try's changes, which its transaction rolled back, and link again to the person who has it now.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
                {
                    if (entry.State == EntityState.Added)
                    {
                        entry.State = EntityState.Detached;
                    }
                    else
                    {
                        await entry.ReloadAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private async Task<Guid> TryLinkEmailAsync(ChannelAccountRecord account, string email, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleAsync(p => p.Id == account.PersonId, cancellationToken).ConfigureAwait(false);
        var other = await db.People.Include(p => p.Accounts).SingleOrDefaultAsync(p => p.Email == email && p.Id != person.Id, cancellationToken).ConfigureAwait(false);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        Guid result;
        if (other is null)
        {
            person.Email ??= email;
            result = person.Id;
        }
        else if (other.Accounts.Count == 0)
        {
            var entry = (other.ManagerPersonId, other.Team, other.Role, other.DirectoryUpdatedAt, other.DisplayName, other.StartDate, other.BuddyPersonId);
            await db.People.Where(p => p.ManagerPersonId == other.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.ManagerPersonId, person.Id), cancellationToken).ConfigureAwait(false);
            await db.People.Where(p => p.BuddyPersonId == other.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.BuddyPersonId, person.Id), cancellationToken).ConfigureAwait(false);
            db.People.Remove(other);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            person.Email = email;
            person.ManagerPersonId = entry.ManagerPersonId == person.Id ? null : entry.ManagerPersonId;
            person.Team = entry.Team;
            person.Role = entry.Role;
            person.DirectoryUpdatedAt = entry.DirectoryUpdatedAt;
            person.StartDate = entry.StartDate;
            person.BuddyPersonId = entry.BuddyPersonId == person.Id ? null : entry.BuddyPersonId;
            if (person.DisplayName.Length == 0)
            {
                person.DisplayName = entry.DisplayName;
            }
            result = person.Id;
        }
        else if (other.Accounts.All(a => a.Channel != account.Channel))
        {
            account.PersonId = other.Id;
            await db.ConversationReferences.Where(r => r.Channel == account.Channel && r.PersonId == person.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.PersonId, other.Id), cancellationToken).ConfigureAwait(false);
            result = other.Id;
        }
        else
        {
            Log.EmailConflict(logger, account.Channel.ToString());
            result = person.Id;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The people behind a card's people picker value: the channel's ids, comma-separated (Teams: Entra object ids;
    /// Slack: user ids), at most <paramref name="max"/> of them, without repeats; and how many could not be looked up.
    /// </summary>
    public async Task<(IReadOnlyList<Guid> People, int Unknown)> ResolvePickedAsync(Turn turn, string pickedIds, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(pickedIds);
        var people = new List<Guid>();
        var unknown = 0;
        foreach (var id in pickedIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Take(max))
        {
            if (await ResolvePickedAsync(turn, id, cancellationToken).ConfigureAwait(false) is { } personId)
            {
                people.Add(personId);
            }
            else
            {
                unknown++;
            }
        }
        return (people, unknown);
    }

    /// <summary>
    /// The person behind an id from a card's people picker (Teams: Entra object id; Slack: user id), or null when the
    /// channel can't say who that is. Known accounts are found in storage; others are looked up in the conversation
    /// the card is in and, for Teams, in the team channels the bot is installed in.
    /// </summary>
    private async Task<Guid?> ResolvePickedAsync(Turn turn, string pickedId, CancellationToken cancellationToken)
    {
        var name = turn.Channel;
        var known = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Channel == name && (a.ExternalId == pickedId || a.AadObjectId == pickedId))
            .Select(a => (Guid?)a.PersonId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (known is not null || lookups.FirstOrDefault(l => l.Channel == turn.Channel) is not { } lookup)
        {
            return known;
        }
        var channelType = nameof(ConversationType.Channel);
        var places = await db.ConversationReferences.AsNoTracking()
            .Where(r => r.Channel == name && r.RemovedAt == null
                && (r.ConversationId == turn.Conversation.Id || (r.ConversationType == channelType && r.TenantId == turn.Conversation.TenantId)))
            .OrderByDescending(r => r.ConversationId == turn.Conversation.Id).ThenByDescending(r => r.UpdatedAt)
            .Take(5)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var where in places)
        {
            if (await lookup.FindAsync(where, pickedId, cancellationToken).ConfigureAwait(false) is { IsBot: false } user)
            {
                return await ResolveAsync(turn.Channel, user, null, null, cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }

    private static bool IsKnownTimeZone(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} did not give an email for an account; it will be asked again in a week")]
        public static partial void NoEmail(ILogger logger, ChannelKind channel);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Two people in {Channel} share an email; their accounts were left separate")]
        public static partial void EmailConflict(ILogger logger, string channel);
    }
}
