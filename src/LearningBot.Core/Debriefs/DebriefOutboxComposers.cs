using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Debriefs;

/// <summary>The participant's question card (first send and reminders), built at send time with what they saved.</summary>
public sealed class DebriefCardComposer(LearningBotDbContext db, DebriefSummaries summaries) : IOutboxComposer
{
    public string Kind => DebriefService.CardKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = message.Payload.Split('|');
        if (!long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var participantId))
        {
            return null;
        }
        var participant = await db.Set<DebriefParticipantRecord>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        var debrief = participant is null ? null : await db.Set<DebriefRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == participant.DebriefId, cancellationToken).ConfigureAwait(false);
        // Answering stops reminders: a reminder composed after the Submit is not sent.
        if (participant is null || debrief is null || debrief.ClosedAt is not null || participant.SubmittedAt is not null)
        {
            return null;
        }
        var card = DebriefCards.Questions(debrief, participant, summaries.Template(debrief), DebriefSummaries.ParseAnswers(participant.Answers),
            reminder: parts.Length > 1 && parts[1] == "reminder", managerTimeZone: await DebriefRecord.ManagerTimeZoneAsync(db, debrief, cancellationToken).ConfigureAwait(false));
        return OutboundMessage.FromCard(card);
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The manager's summary with Publish / Skip, or (open templates) the shared summary for participants.</summary>
public sealed class DebriefSummaryComposer(DebriefSummaries summaries, string kind, bool forManager) : IOutboxComposer
{
    public string Kind => kind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Guid.TryParse(message.Payload, out var debriefId))
        {
            return null;
        }
        var summary = await summaries.BuildAsync(debriefId, withAi: true, cancellationToken).ConfigureAwait(false);
        return summary is null ? null : OutboundMessage.FromCard(DebriefCards.Summary(summary, forManager));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}
