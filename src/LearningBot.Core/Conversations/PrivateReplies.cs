using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Conversations;

/// <summary>
/// Replies meant for the sender alone (a refusal, a rule note). Where the channel shows the reply to the sender only —
/// a 1:1 chat, or a turn the adapter answers ephemerally (<see cref="Turn.ReplySeenBySenderOnly"/>) — it is the reply;
/// anywhere else (a message in a channel or group chat) it goes to the sender's 1:1 chat through the outbox and nothing
/// is said in public.
/// </summary>
public sealed class PrivateReplies(OutboxWriter outbox, LearningBotDbContext db)
{
    public async Task<Reply> ToSenderAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (SeenBySenderOnly(turn))
        {
            return Reply.WithText(text);
        }
        outbox.AddText($"private-note:{turn.Channel}:{turn.EventId}", turn.Channel, turn.PersonId, text);
        // False when the same event's note is already queued.
        await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        return Reply.None;
    }

    public static bool SeenBySenderOnly(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Conversation.Type == ConversationType.Personal || turn.ReplySeenBySenderOnly;
    }
}
