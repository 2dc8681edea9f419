using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Conversations;

/// <summary>Remembers handled inbound events so that a redelivered event never acts twice.</summary>
public sealed class InboundEventLog(LearningBotDbContext db, TimeProvider clock)
{
    /// <summary>Records the event; false when it was already recorded (a retry or a duplicate delivery).</summary>
    public async Task<bool> TryRecordAsync(ChannelKind channel, string eventId, CancellationToken cancellationToken)
    {
        var name = channel;
        if (await db.InboundEvents.AnyAsync(e => e.Channel == name && e.EventId == eventId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        var record = new InboundEventRecord { Channel = name, EventId = eventId, ReceivedAt = clock.GetUtcNow() };
        db.InboundEvents.Add(record);
        // False when the unique key caught a concurrent delivery of the same event.
        return await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets an event whose handling failed, so the channel's redelivery can try again.</summary>
    public async Task ForgetAsync(ChannelKind channel, string eventId, CancellationToken cancellationToken)
    {
        var name = channel;
        await db.InboundEvents.Where(e => e.Channel == name && e.EventId == eventId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
