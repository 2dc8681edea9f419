using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Quizzes;

/// <summary>Builds the daily quiz card from its delivery row when the outbox sends it, and keeps the card's message id.</summary>
public sealed class QuizOutboxComposer(LearningBotDbContext db, QuestionBank bank) : IOutboxComposer
{
    public string Kind => QuizDispatcher.QuizOutboxKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delivery = await db.Set<QuizDeliveryRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.OutboxMessageId == message.Id, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return null;
        }
        var questions = await bank.FindAsync(QuizAnswers.Ids(delivery.QuestionIds), cancellationToken).ConfigureAwait(false);
        return questions.Count == 0 ? null : OutboundMessage.FromCard(QuizCards.Quiz(delivery.Id, questions, new Dictionary<string, int>()));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return db.Set<QuizDeliveryRecord>().Where(d => d.OutboxMessageId == message.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.CardMessageId, channelMessageId), cancellationToken);
    }
}

/// <summary>The friendly note sent when quizzes pause themselves after unanswered ones.</summary>
public sealed class QuizPauseNoteComposer : IOutboxComposer
{
    public const string PauseNoteKind = "quiz-paused";

    public string Kind => PauseNoteKind;

    public Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var unanswered = int.TryParse(message.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 3;
        return Task.FromResult<OutboundMessage?>(OutboundMessage.FromCard(QuizCards.PausedForSilence(unanswered)));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}
