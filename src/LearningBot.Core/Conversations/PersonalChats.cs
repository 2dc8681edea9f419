using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Conversations;

/// <summary>
/// A person's 1:1 chat with the bot, opened when the bot has none yet: a debrief card, a check-in or a quiz can reach
/// a colleague who has never written to the bot, as long as the app is installed for them or in one of their teams
/// (Teams) or in their workspace (Slack). Someone who removed the app is not written to again.
/// </summary>
public sealed class PersonalChats(LearningBotDbContext db, ConversationReferenceStore conversations, IEnumerable<IProactiveMessenger> messengers, TimeProvider clock)
{
    /// <summary>The stored 1:1 chat, or a newly opened one; null when the bot has no way to reach the person.</summary>
    /// <exception cref="ProactiveDeliveryException">The channel refused or failed to open the chat.</exception>
    public async Task<ConversationReferenceRecord?> FindOrOpenAsync(ChannelKind channel, Guid personId, CancellationToken cancellationToken)
    {
        if (await conversations.FindPersonalAsync(channel, personId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known;
        }
        var name = channel;
        var personal = nameof(ConversationType.Personal);
        var messenger = messengers.FirstOrDefault(m => m.Channel == channel);
        var account = await db.ChannelAccounts.AsNoTracking().Where(a => a.Channel == name && a.PersonId == personId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (messenger is null || account is null
            || await db.ConversationReferences.AnyAsync(r => r.Channel == name && r.PersonId == personId && r.ConversationType == personal, cancellationToken).ConfigureAwait(false))
        {
            // No account in this channel, or a 1:1 chat that was removed: the person took the app away.
            return null;
        }
        // Reach them through a conversation the bot has in their tenant (Teams) or workspace (Slack), the latest first.
        var tenant = account.TenantId;
        var via = await db.ConversationReferences.AsNoTracking()
            .Where(r => r.Channel == name && r.RemovedAt == null && (tenant == null || r.TenantId == tenant || r.TeamId == tenant))
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (via is null)
        {
            return null;
        }
        var opened = await messenger.OpenPersonalAsync(account.ExternalId, via, cancellationToken).ConfigureAwait(false);
        var stored = await db.ConversationReferences.SingleOrDefaultAsync(r => r.Channel == name && r.ConversationId == opened.ConversationId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            stored = opened;
            db.ConversationReferences.Add(stored);
        }
        stored.PersonId = personId;
        stored.UpdatedAt = clock.GetUtcNow();
        if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return stored;
        }
        // Opened at the same moment by another delivery; theirs is stored.
        return await conversations.FindPersonalAsync(channel, personId, cancellationToken).ConfigureAwait(false) ?? stored;
    }
}
