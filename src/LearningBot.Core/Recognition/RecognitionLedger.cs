using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Recognition;

/// <summary>A recognition someone wants to give: who, to whom, why, and the source event that makes it unique.</summary>
public sealed record GiveRequest
{
    /// <summary>Names the source event (Slack event id + reaction, Teams activity id, command event id).</summary>
    public required string IdempotencyKey { get; init; }
    public required ChannelKind Channel { get; init; }
    public required Guid GiverPersonId { get; init; }
    public bool GiverIsBot { get; init; }
    public required Guid RecipientPersonId { get; init; }
    public bool RecipientIsBot { get; init; }
    public required RecognitionSource Source { get; init; }
    public string? MessageId { get; init; }
    public long? PostId { get; init; }
    public string? Reason { get; init; }
    public string? Value { get; init; }
    public string TeamId { get; init; } = "";
    /// <summary>A link to the recognised message for the recipient's note (Teams message actions carry one).</summary>
    public Uri? MessageLink { get; init; }
    /// <summary>
    /// The group chat or channel the recognition was given in, if it was given in one: the shoutout goes there when
    /// the team has no learning channel, so the people who saw it given see it land.
    /// </summary>
    public string? GivenInConversationId { get; init; }
}

/// <summary>Why a give did not land; <see cref="GiveBlock.None"/> when it did.</summary>
public enum GiveBlock
{
    None,
    /// <summary>The same source event was recorded before (a redelivery): nothing to say.</summary>
    Duplicate,
    Self,
    Bot,
    AllowanceSpent,
    AlreadyRecognised,
    ReasonRequired,
}

/// <summary>What became of a give: the entry when it was recorded, else the fair rule that stopped it and why; and the giver's allowance left today.</summary>
public sealed record GiveOutcome(RecognitionEntryRecord? Entry, GiveBlock Block, string? WhyBlocked, int RemainingToday)
{
    public bool Recorded => Entry is not null;
}

/// <summary>
/// The fair rules and the append-only ledger behind them. Every rule is checked here, once, whatever the way of
/// giving (command, reaction, endorsement, message action), so recognition means the same in Slack and Teams.
/// </summary>
public sealed class RecognitionLedger(LearningBotDbContext db, TimeProvider clock, IOptions<RecognitionOptions> options, ILogger<RecognitionLedger> logger)
{
    public async Task<GiveOutcome> GiveAsync(GiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = db.Set<RecognitionEntryRecord>();
        var allowance = options.Value.DailyAllowance;
        if (await entries.AnyAsync(e => e.IdempotencyKey == request.IdempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            Log.GiveRepeated(logger, request.IdempotencyKey);
            return new GiveOutcome(null, GiveBlock.Duplicate, null, allowance);
        }
        if (request.GiverIsBot || request.RecipientIsBot)
        {
            return Blocked(GiveBlock.Bot, "Bots can't give or receive recognition — it's for people. Recognise the colleague behind the work instead.");
        }
        if (request.GiverPersonId == request.RecipientPersonId)
        {
            return Blocked(GiveBlock.Self, "You can't recognise yourself — but it's great that you're proud of it! Try **share** to tell your team what you learned.");
        }
        if (request.Source is RecognitionSource.Command or RecognitionSource.MessageAction && options.Value.RequireReason
            && string.IsNullOrWhiteSpace(request.Reason) && string.IsNullOrWhiteSpace(request.Value))
        {
            return Blocked(GiveBlock.ReasonRequired, "Say what it's for, so it means something: e.g. **kudos @Sam for the clear demo** or add a value like **#teamwork**.");
        }
        var channel = request.Channel;
        if (request.MessageId is { Length: > 0 } messageId)
        {
            var net = await entries.Where(e => e.Channel == channel && e.MessageId == messageId && e.GiverPersonId == request.GiverPersonId)
                .SumAsync(e => e.Points, cancellationToken).ConfigureAwait(false);
            if (net > 0)
            {
                return Blocked(GiveBlock.AlreadyRecognised, "You've already recognised this message — one recognition per person per message.");
            }
        }
        var today = await GiverTodayAsync(request.GiverPersonId, cancellationToken).ConfigureAwait(false);
        var used = await UsedOnAsync(request.GiverPersonId, today, cancellationToken).ConfigureAwait(false);
        if (used >= allowance)
        {
            return Blocked(GiveBlock.AllowanceSpent,
                $"You've given all {allowance} recognitions for today — thank you for being generous! Your allowance comes back at midnight your time.");
        }

        var entry = new RecognitionEntryRecord
        {
            IdempotencyKey = request.IdempotencyKey,
            Points = 1,
            Source = request.Source,
            Channel = channel,
            GiverPersonId = request.GiverPersonId,
            RecipientPersonId = request.RecipientPersonId,
            MessageId = request.MessageId,
            PostId = request.PostId,
            Reason = Truncate(request.Reason, 500),
            Value = Truncate(request.Value, 50),
            TeamId = request.TeamId,
            CreatedAt = clock.GetUtcNow(),
            GiverLocalDate = today,
        };
        entries.Add(entry);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // A concurrent delivery of the same event won the unique key.
            Log.GiveRepeated(logger, request.IdempotencyKey);
            return new GiveOutcome(null, GiveBlock.Duplicate, null, allowance - used);
        }
        Log.Given(logger, entry.Id, entry.GiverPersonId, entry.RecipientPersonId, entry.Source, entry.Channel);
        return new GiveOutcome(entry, GiveBlock.None, null, allowance - used - 1);

        GiveOutcome Blocked(GiveBlock block, string why)
        {
            Log.Refused(logger, request.GiverPersonId, request.RecipientPersonId, block);
            return new(null, block, why, allowance);
        }
    }

    /// <summary>
    /// Takes back the giver's live recognition of a message (a removed reaction) with a -1 entry pointing at it; the
    /// day's allowance it used is given back. Null when there was nothing to take back.
    /// </summary>
    public async Task<RecognitionEntryRecord?> ReverseAsync(string idempotencyKey, ChannelKind channel, Guid giverPersonId, string messageId, CancellationToken cancellationToken)
    {
        var entries = db.Set<RecognitionEntryRecord>();
        if (await entries.AnyAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var name = channel;
        var reversed = entries.Where(e => e.ReversesEntryId != null).Select(e => e.ReversesEntryId);
        var live = await entries
            .Where(e => e.Channel == name && e.MessageId == messageId && e.GiverPersonId == giverPersonId && e.Points > 0 && !reversed.Contains(e.Id))
            .OrderByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (live is null)
        {
            return null;
        }
        var reversal = new RecognitionEntryRecord
        {
            IdempotencyKey = idempotencyKey,
            Points = -1,
            ReversesEntryId = live.Id,
            Source = live.Source,
            Channel = live.Channel,
            GiverPersonId = live.GiverPersonId,
            RecipientPersonId = live.RecipientPersonId,
            MessageId = live.MessageId,
            PostId = live.PostId,
            TeamId = live.TeamId,
            CreatedAt = clock.GetUtcNow(),
            GiverLocalDate = live.GiverLocalDate,
        };
        entries.Add(reversal);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // A concurrent delivery of the same removal won the unique key.
            return null;
        }
        Log.TakenBack(logger, live.Id, giverPersonId, reversal.Id);
        return reversal;
    }

    /// <summary>Recognitions still available to the giver today (their local day).</summary>
    public async Task<int> RemainingTodayAsync(Guid giverPersonId, CancellationToken cancellationToken)
    {
        var today = await GiverTodayAsync(giverPersonId, cancellationToken).ConfigureAwait(false);
        return Math.Max(0, options.Value.DailyAllowance - await UsedOnAsync(giverPersonId, today, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Net gives on a local date: reversals carry the date of what they reverse, so they give the allowance back.</summary>
    private Task<int> UsedOnAsync(Guid giverPersonId, DateOnly day, CancellationToken cancellationToken) =>
        db.Set<RecognitionEntryRecord>().Where(e => e.GiverPersonId == giverPersonId && e.GiverLocalDate == day)
            .SumAsync(e => e.Points, cancellationToken);

    private async Task<DateOnly> GiverTodayAsync(Guid giverPersonId, CancellationToken cancellationToken)
    {
        var zone = await db.Set<PersonRecord>().Where(p => p.Id == giverPersonId).Select(p => p.TimeZone)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return LocalCalendar.LocalDate(clock.GetUtcNow(), LocalCalendar.Zone(zone));
    }

    private static string? Truncate(string? text, int length) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length > length ? text[..length] : text.Trim();
}
