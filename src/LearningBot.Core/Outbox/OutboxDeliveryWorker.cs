using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using LearningBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Outbox;

/// <summary>What one delivery pass did, and when the next one is worth running.</summary>
public sealed record OutboxPass(int Sent, int Retrying, int Failed, int Expired, TimeSpan? PacedFor)
{
    public int Handled => Sent + Retrying + Failed + Expired;
}

/// <summary>
/// Delivers outbox rows through the channel's <see cref="IProactiveMessenger"/>, with retries, backoff, Retry-After and
/// pacing. Each row is claimed with a lease (an UPDATE that succeeds for one worker only), sent, and marked sent by the
/// lease holder — so a row is marked sent exactly once, and two workers never send the same row at the same time.
/// <para>
/// Delivery is <b>at least once</b>, not exactly once: if the process dies after the channel accepted a message but
/// before the row is marked sent, the lease expires and the row is sent again; the learner may then see the same
/// quiz twice. Neither Teams nor Slack lets a sender attach an idempotency key to a post, so exactly-once delivery
/// is not possible from here; the window is the few milliseconds between the channel's answer and one UPDATE. The
/// opposite choice (mark first, then send) would lose messages in the same crash, which is worse for a daily quiz.
/// Answers are idempotent per question and card, so a duplicate card cannot count an answer twice.
/// </para>
/// </summary>
public sealed partial class OutboxDeliveryWorker(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    OutboxPacer pacer,
    IEnumerable<ChannelTraits> channels,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDeliveryWorker> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var pass = await DeliverDueMessagesOnceAsync(stoppingToken).ConfigureAwait(false);
                wait = pass.PacedFor ?? (pass.Handled > 0 ? TimeSpan.Zero : options.Value.PollInterval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PassFailed(logger, e);
                wait = options.Value.PollInterval;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass: claims due rows and delivers them as far as pacing allows. Tests call this with a fake clock.</summary>
    public async Task<OutboxPass> DeliverDueMessagesOnceAsync(CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0, failed = 0, expired = 0;
        TimeSpan? pacedFor = null;
        var scope = scopes.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(false);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LearningBotDbContext>();
        var conversations = services.GetRequiredService<ConversationReferenceStore>();
        var personalChats = services.GetRequiredService<PersonalChats>();
        var messengers = services.GetServices<IProactiveMessenger>().ToList();
        var composers = services.GetServices<IOutboxComposer>().ToDictionary(c => c.Kind, StringComparer.Ordinal);
        var settings = options.Value;
        var outbox = db.Set<OutboxMessageRecord>();

        var now = clock.GetUtcNow();
        var due = await outbox.AsNoTracking()
            .Where(m => m.Status == OutboxMessageStatus.Pending && m.NotBefore <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NotBefore).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Channel })
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        foreach (var (id, channelName) in due.Select(d => (d.Id, d.Channel)))
        {
            now = clock.GetUtcNow();
            if (!pacer.TryTakeGlobal(channelName, now, out var globalWait))
            {
                // This channel's budget is spent for now; rows of the other channel may still go.
                pacedFor = pacedFor is { } p && p < globalWait ? p : globalWait;
                continue;
            }
            var leaseUntil = now + settings.Lease;
            var claimed = await outbox
                .Where(m => m.Id == id && m.Status == OutboxMessageStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.LeaseOwner, _owner)
                    .SetProperty(m => m.LeaseUntil, leaseUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken).ConfigureAwait(false);
            if (claimed != 1)
            {
                continue; // another worker has it
            }
            var message = await outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);

            if (message.ExpiresAt is { } expiresAt && expiresAt <= now)
            {
                await CloseAsync(db, composers, message, OutboxMessageStatus.Expired, "Its time passed before it could be sent.", cancellationToken).ConfigureAwait(false);
                Log.Expired(logger, message.Id, message.IdempotencyKey);
                expired++;
                continue;
            }
            var channel = message.Channel;
            ConversationReferenceRecord? conversation;
            try
            {
                conversation = message.ConversationId is { Length: > 0 } conversationId
                    ? await conversations.FindAsync(channel, conversationId, cancellationToken).ConfigureAwait(false)
                    : message.PersonId is { } personId
                        ? await personalChats.FindOrOpenAsync(channel, personId, cancellationToken).ConfigureAwait(false)
                        : null;
            }
            catch (ProactiveDeliveryException e)
            {
                // Opening the person's 1:1 chat failed: permanently (the app is not installed for them) or for now.
                if (e.Permanent)
                {
                    await CloseAsync(db, composers, message, OutboxMessageStatus.Failed, $"Could not open a 1:1 chat: {e.Message}", cancellationToken).ConfigureAwait(false);
                    Log.GaveUp(logger, message.Id, message.IdempotencyKey, message.Attempts, e.Message);
                    failed++;
                }
                else if (await RetryOrFailAsync(db, composers, message, e.Message, e.RetryAfter, now, cancellationToken).ConfigureAwait(false))
                {
                    retrying++;
                }
                else
                {
                    failed++;
                }
                continue;
            }
            if (conversation is null)
            {
                await CloseAsync(db, composers, message, OutboxMessageStatus.Failed, "No conversation to write into (the app was removed, or never installed).", cancellationToken).ConfigureAwait(false);
                Log.NoConversation(logger, message.Id, message.PersonId);
                failed++;
                continue;
            }
            if (!pacer.TryTakeConversation(conversation.Channel, conversation.ConversationId, now, out var conversationWait))
            {
                // Not a failed attempt: give the attempt back and come back when the conversation has room.
                await outbox.Where(m => m.Id == id && m.LeaseOwner == _owner)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(m => m.NotBefore, now + conversationWait)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.Attempts, m => m.Attempts - 1), cancellationToken).ConfigureAwait(false);
                pacedFor = pacedFor is { } paced && paced < conversationWait ? paced : conversationWait;
                continue;
            }
            var messenger = messengers.FirstOrDefault(m => m.Channel == channel);
            if (!composers.TryGetValue(message.Kind, out var composer) || messenger is null)
            {
                var why = messenger is null ? $"No messenger for {channel} is registered." : $"No composer for outbox kind '{message.Kind}'.";
                if (await RetryOrFailAsync(db, composers, message, why, null, now, cancellationToken).ConfigureAwait(false))
                {
                    retrying++;
                }
                else
                {
                    failed++;
                }
                continue;
            }

            try
            {
                var outbound = await composer.ComposeAsync(message, cancellationToken).ConfigureAwait(false);
                if (outbound is null)
                {
                    await CloseAsync(db, composers, message, OutboxMessageStatus.Failed, "Nothing to send any more.", cancellationToken).ConfigureAwait(false);
                    failed++;
                    continue;
                }
                // The row's key travels with it, so a channel that can look up an earlier attempt (Slack) does not post it twice.
                outbound = outbound with { IdempotencyKey = message.IdempotencyKey, MayHaveBeenSent = message.Attempts > 1 };
                var channelMessageId = await messenger.SendAsync(conversation, outbound, cancellationToken).ConfigureAwait(false);
                var sentAt = clock.GetUtcNow();
                var marked = await outbox
                    .Where(m => m.Id == id && m.LeaseOwner == _owner && m.Status == OutboxMessageStatus.Pending)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(m => m.Status, OutboxMessageStatus.Sent)
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.SentMessageId, channelMessageId)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LastError, (string?)null), cancellationToken).ConfigureAwait(false);
                if (marked == 1)
                {
                    await composer.OnSentAsync(message, channelMessageId, cancellationToken).ConfigureAwait(false);
                    Log.Sent(logger, message.Id, message.IdempotencyKey, message.Attempts);
                }
                else
                {
                    Log.LeaseLost(logger, message.Id, message.IdempotencyKey);
                }
                sent++;
            }
            catch (ProactiveDeliveryException e) when (e.Permanent)
            {
                await CloseAsync(db, composers, message, OutboxMessageStatus.Failed, e.Message, cancellationToken).ConfigureAwait(false);
                Log.GaveUp(logger, message.Id, message.IdempotencyKey, message.Attempts, e.Message);
                failed++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var retryAfter = e is ProactiveDeliveryException delivery ? delivery.RetryAfter : null;
                if (retryAfter is { } asked && asked > TimeSpan.Zero)
                {
                    pacer.Hold(conversation.Channel, conversation.ConversationId, now + asked);
                }
                if (await RetryOrFailAsync(db, composers, message, e.Message, retryAfter, now, cancellationToken).ConfigureAwait(false))
                {
                    retrying++;
                }
                else
                {
                    failed++;
                }
            }
        }
        return new OutboxPass(sent, retrying, failed, expired, pacedFor);
    }

    /// <summary>Schedules the next try (Retry-After is a minimum; backoff doubles with jitter), or gives up after MaxAttempts. True = will retry.</summary>
    private async Task<bool> RetryOrFailAsync(LearningBotDbContext db, IReadOnlyDictionary<string, IOutboxComposer> composers, OutboxMessageRecord message, string error, TimeSpan? retryAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outbox = db.Set<OutboxMessageRecord>();
        var settings = options.Value;
        if (message.Attempts >= settings.MaxAttempts)
        {
            await CloseAsync(db, composers, message, OutboxMessageStatus.Failed, $"Gave up after {message.Attempts} attempts: {error}", cancellationToken).ConfigureAwait(false);
            Log.GaveUp(logger, message.Id, message.IdempotencyKey, message.Attempts, error);
            return false;
        }
        var backoff = TimeSpan.FromTicks(Math.Min(settings.MaxBackoff.Ticks, settings.FirstBackoff.Ticks * (1L << Math.Min(20, message.Attempts - 1))));
#pragma warning disable CA5394 // Not security: jitter only spreads retries so failed sends do not all come back at once.
        backoff += TimeSpan.FromTicks((long)(backoff.Ticks * 0.2 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        var notBefore = now + wait;
        var shortError = error.Length > 500 ? error[..500] : error;
        await outbox.Where(m => m.Id == message.Id && m.LeaseOwner == _owner && m.Status == OutboxMessageStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.NotBefore, notBefore)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, shortError), cancellationToken).ConfigureAwait(false);
        Log.WillRetry(logger, message.Id, message.IdempotencyKey, message.Attempts, wait, error);
        return true;
    }

    private async Task CloseAsync(LearningBotDbContext db, IReadOnlyDictionary<string, IOutboxComposer> composers, OutboxMessageRecord message, OutboxMessageStatus status, string error, CancellationToken cancellationToken)
    {
        var shortError = error.Length > 500 ? error[..500] : error;
        var closed = await db.Set<OutboxMessageRecord>().Where(m => m.Id == message.Id && m.LeaseOwner == _owner && m.Status == OutboxMessageStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, shortError), cancellationToken).ConfigureAwait(false);
        if (closed == 1 && status == OutboxMessageStatus.Failed)
        {
            await TellWhoItWasForAsync(db, composers, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A post into a channel that finally failed (the bot is not in the channel, was removed, the conversation is gone)
    /// is not lost silently: the person it was posted for (<see cref="OutboxMessageRecord.PersonId"/>) is told in their
    /// 1:1 chat what did not happen and what to do. Once per failed row (its own idempotency key); a notice that fails
    /// itself goes to a 1:1 chat and so tells nobody again.
    /// </summary>
    private async Task TellWhoItWasForAsync(LearningBotDbContext db, IReadOnlyDictionary<string, IOutboxComposer> composers, OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (message.ConversationId is not { Length: > 0 } || message.PersonId is not { } person || person == Guid.Empty)
        {
            return;
        }
        var what = composers.TryGetValue(message.Kind, out var composer) ? composer.Describes : "your message";
        var now = clock.GetUtcNow();
        db.Set<OutboxMessageRecord>().Add(new OutboxMessageRecord
        {
            IdempotencyKey = $"delivery-failed:{message.Id}",
            Kind = TextOutboxComposer.TextKind,
            Channel = message.Channel,
            PersonId = person,
            Payload = FailureNotice(channels.FirstOrDefault(c => c.Channel == message.Channel)?.AddBotHint ?? ChannelTraits.AnyChannelAddBotHint, what),
            CreatedAt = now,
            NotBefore = now,
        });
        if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            Log.ToldSender(logger, message.Id, message.IdempotencyKey);
        }
    }

    /// <summary>The notice for a post that could not be made: what did not happen, the likely reason, what to do.</summary>
    public static string FailureNotice(string addBotHint, string what) =>
        $"⚠️ I couldn't post {what} — nothing was posted. Most likely I'm not a member of that channel (or was removed from it). {addBotHint}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Outbox message {MessageId} ({Key}) sent on attempt {Attempt}")]
        public static partial void Sent(ILogger logger, long messageId, string key, int attempt);

        [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Key}) failed on attempt {Attempt}; retrying in {Wait}: {Error}")]
        public static partial void WillRetry(ILogger logger, long messageId, string key, int attempt, TimeSpan wait, string error);

        [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Key}) given up after {Attempts} attempts: {Error}")]
        public static partial void GaveUp(ILogger logger, long messageId, string key, int attempts, string error);

        [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Key}) expired unsent")]
        public static partial void Expired(ILogger logger, long messageId, string key);

        [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Outbox message {MessageId} has no conversation for person {PersonId}")]
        public static partial void NoConversation(ILogger logger, long messageId, Guid? personId);

        [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Key}) was sent but its lease had been taken over; it may be delivered twice")]
        public static partial void LeaseLost(ILogger logger, long messageId, string key);

        [LoggerMessage(EventId = 707, Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Key}) could not be posted; the person it was for is told")]
        public static partial void ToldSender(ILogger logger, long messageId, string key);

        [LoggerMessage(EventId = 706, Level = LogLevel.Error, Message = "Outbox delivery pass failed")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
