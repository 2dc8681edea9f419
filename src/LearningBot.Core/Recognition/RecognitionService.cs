using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Recognition;

/// <summary>
/// What follows a recognition that landed — the shoutout in the learning channel, the recipient's DM, badges — and
/// the learning channel and learning shares. Everything that reaches someone later goes through the outbox.
/// </summary>
public sealed class RecognitionService(
    LearningBotDbContext db,
    RecognitionLedger ledger,
    BadgeAwarder badges,
    OutboxWriter outbox,
    TimeProvider clock)
{
    /// <summary>
    /// Gives, then posts the shoutout (for explicit gives) in the learning channel, or where it was given when there is
    /// none; tells the recipient and checks badges.
    /// </summary>
    public async Task<GiveOutcome> GiveAsync(GiveRequest request, string giverName, string recipientName, bool postShoutout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await ledger.GiveAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome.Entry is not { } entry)
        {
            return outcome;
        }
        var shoutoutIn = postShoutout
            ? (await FindLearningChannelAsync(request.Channel, request.TeamId, cancellationToken).ConfigureAwait(false))?.ConversationId ?? request.GivenInConversationId
            : null;
        if (shoutoutIn is not null)
        {
            await PostAsync(new RecognitionPostRecord
            {
                Kind = RecognitionPostKind.Shoutout,
                Channel = entry.Channel,
                ConversationId = shoutoutIn,
                TeamId = entry.TeamId,
                SubjectPersonId = entry.RecipientPersonId,
                SubjectName = recipientName,
                AuthorPersonId = entry.GiverPersonId,
                AuthorName = giverName,
                EntryId = entry.Id,
                Text = entry.Reason ?? "",
                Value = entry.Value,
                CreatedAt = clock.GetUtcNow(),
            }, $"shoutout:{entry.Id}", cancellationToken).ConfigureAwait(false);
        }
        await NotifyRecipientAsync(entry, giverName, request.MessageLink, cancellationToken).ConfigureAwait(false);
        await badges.CheckAsync(request.Channel, [entry.GiverPersonId, entry.RecipientPersonId], cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Tells the recipient in their 1:1 chat, unless they turned notifications off.</summary>
    private async Task NotifyRecipientAsync(RecognitionEntryRecord entry, string giverName, Uri? messageLink, CancellationToken cancellationToken)
    {
        var preference = await db.Set<RecognitionPreferenceRecord>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.PersonId == entry.RecipientPersonId, cancellationToken).ConfigureAwait(false);
        if (preference?.NotificationsOff == true)
        {
            return;
        }
        outbox.AddText($"recognition-dm:{entry.Id}", entry.Channel, entry.RecipientPersonId, RecognitionCards.RecipientNote(entry, giverName, messageLink));
        // False when the same recognition's note is already queued.
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts a learning share to the team's learning channel; false when the team has none.</summary>
    public async Task<bool> ShareAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var team = turn.Conversation.TeamId ?? "";
        if (await FindLearningChannelAsync(turn.Channel, team, cancellationToken).ConfigureAwait(false) is not { } learning)
        {
            return false;
        }
        await PostAsync(new RecognitionPostRecord
        {
            Kind = RecognitionPostKind.LearningShare,
            Channel = turn.Channel,
            ConversationId = learning.ConversationId,
            TeamId = team,
            SubjectPersonId = turn.PersonId,
            SubjectName = turn.From.Name,
            AuthorPersonId = turn.PersonId,
            AuthorName = turn.From.Name,
            Text = text.Length > 2000 ? text[..2000] : text,
            CreatedAt = clock.GetUtcNow(),
        }, $"share:{turn.Channel}:{turn.EventId}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The outbox row and the post in one transaction: the composer finds the post by the row's id.</summary>
    private async Task PostAsync(RecognitionPostRecord post, string idempotencyKey, CancellationToken cancellationToken)
    {
        // A user transaction must run inside the provider's execution strategy (as LessonImporter does).
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            // Posted for its author: if the channel refuses it for good, the author hears so instead of silence.
            var row = outbox.AddToConversation(idempotencyKey, RecognitionPostComposer.PostKind, post.Channel, post.ConversationId, post.AuthorPersonId);
            if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                return; // posted before (a redelivered command)
            }
            post.OutboxMessageId = row.Id;
            db.Set<RecognitionPostRecord>().Add(post);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public Task<RecognitionPostRecord?> FindPostAsync(ChannelKind channel, string messageId, CancellationToken cancellationToken)
    {
        var name = channel;
        return db.Set<RecognitionPostRecord>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Channel == name && p.MessageId == messageId, cancellationToken);
    }

    /// <summary>The learning channel of the team, else the organisation-wide one of the channel.</summary>
    public async Task<LearningChannelRecord?> FindLearningChannelAsync(ChannelKind channel, string? teamId, CancellationToken cancellationToken)
    {
        var name = channel;
        var team = teamId ?? "";
        var candidates = await db.Set<LearningChannelRecord>().AsNoTracking()
            .Where(c => c.Channel == name && (c.TeamId == team || c.TeamId == ""))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.OrderByDescending(c => c.TeamId.Length).FirstOrDefault();
    }

    /// <summary>Makes the turn's conversation its team's learning channel (and the organisation-wide one if there is none yet).</summary>
    public async Task SetLearningChannelAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var channel = turn.Channel;
        var teams = new List<string> { turn.Conversation.TeamId ?? "" };
        var set = db.Set<LearningChannelRecord>();
        if (teams[0].Length > 0 && !await set.AnyAsync(c => c.Channel == channel && c.TeamId == "", cancellationToken).ConfigureAwait(false))
        {
            teams.Add("");
        }
        var zone = turn.TimeZone ?? await db.Set<PersonRecord>().Where(p => p.Id == turn.PersonId).Select(p => p.TimeZone)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        foreach (var team in teams)
        {
            var record = await set.SingleOrDefaultAsync(c => c.Channel == channel && c.TeamId == team, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                record = new LearningChannelRecord { Channel = channel, TeamId = team, ConversationId = turn.Conversation.Id };
                set.Add(record);
            }
            record.ConversationId = turn.Conversation.Id;
            record.TimeZone = zone ?? record.TimeZone;
            record.SetByPersonId = turn.PersonId;
            record.SetAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPreferenceAsync(Guid personId, Action<RecognitionPreferenceRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var set = db.Set<RecognitionPreferenceRecord>();
        var preference = await set.SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (preference is null)
        {
            preference = new RecognitionPreferenceRecord { PersonId = personId };
            set.Add(preference);
        }
        change(preference);
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
