using LearningBot.Core.Conversations;
using LearningBot.Data;
using LearningBot.Data.People;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.People;

/// <summary>Finds or creates the person behind a channel account, keeping name and time zone fresh.</summary>
public sealed class PersonDirectory(LearningBotDbContext db, TimeProvider clock)
{
    public async Task<Guid> ResolveAsync(ChannelKind channel, ChannelUser user, string? timeZone, string? locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = channel.ToString();
        for (var attempt = 0; ; attempt++)
        {
            var account = await db.ChannelAccounts
                .SingleOrDefaultAsync(a => a.Channel == name && a.ExternalId == user.Id, cancellationToken)
                .ConfigureAwait(false);
            PersonRecord? person;
            if (account is null)
            {
                person = new PersonRecord { Id = Guid.NewGuid(), CreatedAt = clock.GetUtcNow() };
                db.People.Add(person);
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
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return person.Id;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // A concurrent first message from the same person created the account; read theirs.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The person behind someone mentioned in a message. A mention's name is the sender's spelling (a Slack username,
    /// say), so it names only people the bot has not met yet; a known person keeps the name their own turns gave.
    /// </summary>
    public async Task<Guid> ResolveMentionAsync(ChannelKind channel, ChannelUser mentioned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentioned);
        var name = channel.ToString();
        var known = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Channel == name && a.ExternalId == mentioned.Id)
            .Select(a => (Guid?)a.PersonId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return known ?? await ResolveAsync(channel, mentioned, null, null, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsKnownTimeZone(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);
}
