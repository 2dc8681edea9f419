using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// Closes a debrief — when the last participant submits, or when the deadline passes — and queues its summary for the
/// manager (and, for an open debrief, for every participant) in the same transaction, so a summary goes out exactly once.
/// </summary>
public sealed class DebriefClosing(LearningBotDbContext db, OutboxWriter outbox, TimeProvider clock, ILogger<DebriefClosing> logger)
{
    /// <summary>True for the one caller that closed it; false when it was closed already.</summary>
    public async Task<bool> CloseAsync(Guid debriefId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var now = clock.GetUtcNow();
            if (!await DebriefSteps.Open.TryMoveOnAsync(db.Set<DebriefRecord>().Where(d => d.Id == debriefId),
                    set => set.SetProperty(d => d.ClosedAt, now), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            var debrief = await db.Set<DebriefRecord>().AsNoTracking().Include(d => d.Participants).SingleAsync(d => d.Id == debriefId, cancellationToken).ConfigureAwait(false);
            var channel = debrief.Channel;
            var payload = debrief.Id.ToString();
            outbox.Add($"debrief:{debrief.Id:N}:summary", DebriefService.SummaryKind, channel, debrief.ManagerPersonId, payload);
            var shared = 0;
            if (debrief.Open)
            {
                foreach (var participant in debrief.Participants.Where(p => p.PersonId != debrief.ManagerPersonId))
                {
                    outbox.Add($"debrief:{debrief.Id:N}:shared:{participant.PersonId:N}", DebriefService.SharedKind, channel, participant.PersonId, payload);
                    shared++;
                }
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Log.Closed(logger, debrief.Id, debrief.Participants.Count(p => p.SubmittedAt is not null), debrief.Participants.Count, shared);
            return true;
        }).ConfigureAwait(false);
    }
}
