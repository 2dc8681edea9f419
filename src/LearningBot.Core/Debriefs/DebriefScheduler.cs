using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace LearningBot.Core.Debriefs;

/// <summary>What one debrief check did: reminders queued and debriefs closed.</summary>
public sealed record DebriefCheckReport(int Reminded, int Closed);

/// <summary>
/// Reminders at half-time and the day before the deadline, to those who have not submitted; closes debriefs whose
/// deadline passed. Each reminder is an outbox row with its own idempotency key, so a re-run sends nothing twice.
/// </summary>
public sealed class DebriefScheduler(LearningBotDbContext db, OutboxWriter outbox, DebriefClosing closing, TimeProvider clock)
{
    public async Task<DebriefCheckReport> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Set<DebriefRecord>().Include(d => d.Participants).Where(d => d.ClosedAt == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        int reminded = 0, closed = 0;
        foreach (var debrief in open)
        {
            if (now >= debrief.Deadline)
            {
                db.ChangeTracker.Clear();
                if (await closing.CloseAsync(debrief.Id, cancellationToken).ConfigureAwait(false))
                {
                    closed++;
                }
                continue;
            }
            var halfTime = debrief.CreatedAt + ((debrief.Deadline - debrief.CreatedAt) / 2);
            var dayBefore = debrief.Deadline.AddDays(-1);
            string? which = null;
            if (debrief.DayBeforeRemindedAt is null && now >= dayBefore)
            {
                which = "day-before";
                debrief.DayBeforeRemindedAt = now;
                // A short debrief reaches both moments at once: one reminder is enough.
                debrief.HalfTimeRemindedAt ??= now;
            }
            else if (debrief.HalfTimeRemindedAt is null && now >= halfTime)
            {
                which = "half-time";
                debrief.HalfTimeRemindedAt = now;
            }
            if (which is null)
            {
                continue;
            }
            var channel = debrief.Channel;
            foreach (var participant in debrief.Participants.Where(p => p.SubmittedAt is null))
            {
                outbox.Add($"debrief:{debrief.Id:N}:{which}:{participant.PersonId:N}", DebriefService.CardKind, channel, participant.PersonId,
                    $"{participant.Id}|reminder", expiresAt: debrief.Deadline);
                reminded++;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        return new DebriefCheckReport(reminded, closed);
    }
}

/// <summary>The Quartz job: runs <see cref="DebriefScheduler"/> once.</summary>
[DisallowConcurrentExecution]
public sealed class DebriefCheckJob(DebriefScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("debrief-check", "debriefs");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scheduler.CheckAsync(cancellationToken).ConfigureAwait(false);
}
