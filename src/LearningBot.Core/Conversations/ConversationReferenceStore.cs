using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Conversations;

/// <summary>Keeps one conversation reference per conversation (per person's 1:1 chat, per team channel, per group chat).</summary>
public sealed class ConversationReferenceStore(LearningBotDbContext db, TimeProvider clock)
{
    /// <summary>How stale a conversation's <c>UpdatedAt</c> may get before a turn with nothing new refreshes it.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromHours(1);

    /// <summary>Creates or refreshes the turn's conversation; returns it as stored.</summary>
    public async Task<ConversationReferenceRecord> UpsertAsync(Turn turn, ConversationAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(address);
        var channel = turn.Channel;
        var record = await db.ConversationReferences
            .SingleOrDefaultAsync(r => r.Channel == channel && r.ConversationId == turn.Conversation.Id, cancellationToken)
            .ConfigureAwait(false);
        if (record is null)
        {
            record = new ConversationReferenceRecord
            {
                Channel = channel,
                ConversationId = turn.Conversation.Id,
                ConversationType = turn.Conversation.Type.ToString(),
                ServiceUrl = address.ServiceUrl,
            };
            db.ConversationReferences.Add(record);
        }
        record.ServiceUrl = address.ServiceUrl;
        record.ConversationType = turn.Conversation.Type.ToString();
        record.BotId = address.BotId ?? record.BotId;
        record.TenantId = address.TenantId ?? turn.Conversation.TenantId ?? record.TenantId;
        record.TeamId = address.TeamId ?? turn.Conversation.TeamId ?? record.TeamId;
        record.TeamName = address.TeamName ?? record.TeamName;
        if (turn.Conversation.Type == ConversationType.Personal && turn.PersonId != Guid.Empty)
        {
            record.PersonId = turn.PersonId;
        }
        var now = clock.GetUtcNow();
        record.RemovedAt = turn.Kind == TurnKind.Uninstalled ? now : null;
        // A conversation seen again with nothing new is not rewritten: the reference is what it was, and its age only
        // orders a person's conversations, for which an hour is fine. EF writes only the columns that changed.
        if (db.Entry(record).State != EntityState.Unchanged || record.UpdatedAt < now - TouchInterval)
        {
            record.UpdatedAt = now;
            // False when another request inserted the same conversation a moment ago; its row is as good as ours.
            await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        return record;
    }

    /// <summary>Marks the conversation greeted; true only for the first caller, so the welcome goes out once.</summary>
    public async Task<bool> TryMarkGreetedAsync(ChannelKind channel, string conversationId, CancellationToken cancellationToken)
    {
        var name = channel;
        var now = clock.GetUtcNow();
        var updated = await db.ConversationReferences
            .Where(r => r.Channel == name && r.ConversationId == conversationId && r.GreetedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.GreetedAt, now), cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    public Task<ConversationReferenceRecord?> FindAsync(ChannelKind channel, string conversationId, CancellationToken cancellationToken)
    {
        var name = channel;
        return db.ConversationReferences.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Channel == name && r.ConversationId == conversationId, cancellationToken);
    }

    /// <summary>The 1:1 conversation of a person in a channel, if the bot has one.</summary>
    public Task<ConversationReferenceRecord?> FindPersonalAsync(ChannelKind channel, Guid personId, CancellationToken cancellationToken)
    {
        var name = channel;
        var personal = nameof(ConversationType.Personal);
        return db.ConversationReferences.AsNoTracking()
            .Where(r => r.Channel == name && r.PersonId == personId && r.ConversationType == personal && r.RemovedAt == null)
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
