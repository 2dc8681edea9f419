using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>The question card for the experts channel, built from the routed question when the outbox sends it.</summary>
public sealed class ExpertQuestionComposer(LearningBotDbContext db) : IOutboxComposer
{
    public const string QuestionKind = "expert-question";

    public string Kind => QuestionKind;

    public string Describes => "your question to the experts";

    /// <summary>
    /// The routed question's id, and the asker's name as the channel showed it when they asked. The routed question
    /// does not keep the name, so for an anonymous question it is stored nowhere.
    /// </summary>
    public static string Payload(Guid routedId, string? askerName) => askerName is null ? $"{routedId:N}" : $"{routedId:N}|{askerName}";

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = message.Payload.Split('|', 2);
        var routed = await RoutedQuestion.LoadAsync(db, parts[0], cancellationToken).ConfigureAwait(false);
        return routed is null ? null : OutboundMessage.FromCard(ExpertCards.Question(routed, parts.Length > 1 ? parts[1] : null));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The expert's answer, for the asker's 1:1 chat.</summary>
public sealed class ExpertAnswerComposer(LearningBotDbContext db) : IOutboxComposer
{
    public const string AnswerKind = "expert-answer";

    public string Kind => AnswerKind;

    public static string Payload(Guid routedId) => $"{routedId:N}";

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var routed = await RoutedQuestion.LoadAsync(db, message.Payload, cancellationToken).ConfigureAwait(false);
        return routed?.Answer is null ? null : OutboundMessage.FromCard(ExpertCards.AnswerForAsker(routed));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The routed question an outbox payload names; null when the id is malformed or the question is gone.</summary>
internal static class RoutedQuestion
{
    public static async Task<RoutedQuestionRecord?> LoadAsync(LearningBotDbContext db, string id, CancellationToken cancellationToken) =>
        Guid.TryParseExact(id, "N", out var routedId)
            ? await db.RoutedQuestions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routedId, cancellationToken).ConfigureAwait(false)
            : null;
}
