using LearningBot.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Recognition;

/// <summary>
/// Every log line of recognition, event ids 600–649: 600s giving, 610s taking back, 620s badges, 630s digests. Lines
/// carry entry, person and badge ids and the fair rule that applied, never the reasons or messages people wrote.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Information, "Recognition {EntryId} given by {GiverPersonId} to {RecipientPersonId} ({Source}, {Channel})")]
    public static partial void Given(ILogger logger, long entryId, Guid giverPersonId, Guid recipientPersonId, RecognitionSource source, ChannelKind channel);

    [LoggerMessage(601, LogLevel.Information, "Recognition by {GiverPersonId} to {RecipientPersonId} refused by the fair rule {Rule}")]
    public static partial void Refused(ILogger logger, Guid giverPersonId, Guid recipientPersonId, GiveBlock rule);

    [LoggerMessage(602, LogLevel.Debug, "Recognition event {IdempotencyKey} arrived again; it was recorded once")]
    public static partial void GiveRepeated(ILogger logger, string idempotencyKey);

    [LoggerMessage(610, LogLevel.Information, "Recognition {EntryId} taken back by {GiverPersonId} (reversal {ReversalId})")]
    public static partial void TakenBack(ILogger logger, long entryId, Guid giverPersonId, long reversalId);

    [LoggerMessage(620, LogLevel.Information, "Badge {BadgeId} awarded to {PersonId}")]
    public static partial void BadgeAwarded(ILogger logger, string badgeId, Guid personId);

    [LoggerMessage(630, LogLevel.Information, "Shout-out digest queued for {Channel} conversation {ConversationId}, period ending {PeriodEnd}")]
    public static partial void DigestQueued(ILogger logger, ChannelKind channel, string conversationId, DateTimeOffset periodEnd);
}
