using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// "Ask the experts": a question the library cannot answer goes — with the asker's name, or anonymously if they
/// choose — to the experts channel of their team. An expert answers on the card, and the asker gets the answer
/// in their 1:1 chat. Both messages go through the outbox, like every message sent outside the turn's reply.
/// Not knowing is normal; asking should be safe.
/// </summary>
public sealed class ExpertRouting(
    LearningBotDbContext db,
    ConversationReferenceStore conversations,
    OutboxWriter outbox,
    TimeProvider clock)
{
    /// <summary>The experts channel serving this turn's team, else the organisation-wide one.</summary>
    public async Task<ExpertChannelRecord?> FindChannelAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var channel = turn.Channel;
        var team = turn.Conversation.TeamId ?? "";
        var candidates = await db.ExpertChannels.AsNoTracking()
            .Where(e => e.Channel == channel && (e.TeamId == team || e.TeamId == ""))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.OrderByDescending(e => e.TeamId.Length).FirstOrDefault();
    }

    /// <summary>Makes this conversation the experts channel of its team (and the organisation-wide one if there is none yet).</summary>
    public async Task<bool> SetChannelAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var channel = turn.Channel;
        var teams = new List<string> { turn.Conversation.TeamId ?? "" };
        if (teams[0].Length > 0 && !await db.ExpertChannels.AnyAsync(e => e.Channel == channel && e.TeamId == "", cancellationToken).ConfigureAwait(false))
        {
            teams.Add("");
        }
        foreach (var team in teams)
        {
            var record = await db.ExpertChannels.SingleOrDefaultAsync(e => e.Channel == channel && e.TeamId == team, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                record = new ExpertChannelRecord { Channel = channel, TeamId = team, ConversationId = turn.Conversation.Id };
                db.ExpertChannels.Add(record);
            }
            record.ConversationId = turn.Conversation.Id;
            record.SetByPersonId = turn.PersonId;
            record.SetAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return teams.Contains("");
    }

    /// <summary>
    /// Queues the question card for the experts channel. The routed question and its outbox row are saved together,
    /// so a question is either routed and on its way, or not routed at all; the outbox paces and retries the post.
    /// </summary>
    public async Task<Reply> RouteAsync(Turn turn, string question, bool anonymous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await db.RoutedQuestions.AnyAsync(r => r.EventId == turn.EventId, cancellationToken).ConfigureAwait(false))
        {
            return Reply.None;
        }
        var experts = await FindChannelAsync(turn, cancellationToken).ConfigureAwait(false);
        var target = experts is null ? null : await conversations.FindAsync(turn.Channel, experts.ConversationId, cancellationToken).ConfigureAwait(false);
        if (target is null || target.RemovedAt is not null)
        {
            return Reply.WithText("There's no experts channel set up for your team yet. Ask a colleague, or ask your L&D team to run **experts here** in the channel where your experts are.");
        }

        var routed = new RoutedQuestionRecord
        {
            Id = Guid.NewGuid(), EventId = turn.EventId, AskerPersonId = turn.PersonId, AskerChannel = turn.Channel,
            Question = question.Length > 1000 ? question[..1000] : question, Anonymous = anonymous,
            ExpertConversationId = target.ConversationId, AskedAt = clock.GetUtcNow(),
        };
        db.RoutedQuestions.Add(routed);
        outbox.AddToConversation($"expert-question:{routed.Id:N}", ExpertQuestionComposer.QuestionKind, turn.Channel, target.ConversationId, turn.PersonId,
            ExpertQuestionComposer.Payload(routed.Id, anonymous ? null : turn.From.Name));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // The same click delivered twice at the same moment: the other delivery routed it.
            db.ChangeTracker.Clear();
            return Reply.None;
        }
        return new Reply
        {
            Messages = [OutboundMessage.FromText(anonymous
                ? "Sent to the experts without your name. I'll message you here when someone answers."
                : "Sent to the experts. I'll message you here when someone answers.")],
        };
    }

    /// <summary>
    /// Takes the first expert's answer and queues it for the asker (the outbox opens their 1:1 chat if the bot has
    /// none yet). Two experts answering at once: the conditional update lets exactly one win; the other is thanked.
    /// </summary>
    public async Task<Reply> AnswerAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var answer = action.Data.GetValueOrDefault(ExpertCards.AnswerInput)?.Trim() ?? "";
        if (!Guid.TryParse(action.Data.GetValueOrDefault(ExpertCards.RoutedIdKey), out var id))
        {
            return Reply.WithText("This card is missing its question. It may be from an older version of LearningBot.");
        }
        var routed = await db.RoutedQuestions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (routed is null)
        {
            return Reply.WithText("I can't find that question any more.");
        }
        if (answer.Length is 0 or > 4000)
        {
            return Reply.WithText("Write your answer in the box (up to 4,000 characters), then press **Send answer**.");
        }
        if (routed.AnsweredAt is not null)
        {
            return AlreadyAnswered(routed);
        }

        var answeredBy = turn.From.Name;
        var answeredAt = clock.GetUtcNow();
        // A user transaction must run inside the provider's execution strategy (as LessonImporter does).
        var strategy = db.Database.CreateExecutionStrategy();
        var won = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var taken = await db.RoutedQuestions.Where(r => r.Id == id && r.AnsweredAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Answer, answer)
                    .SetProperty(r => r.AnsweredBy, answeredBy)
                    .SetProperty(r => r.AnsweredAt, answeredAt), cancellationToken).ConfigureAwait(false);
            if (taken != 1)
            {
                return false;
            }
            outbox.Add($"expert-answer:{id:N}", ExpertAnswerComposer.AnswerKind, routed.AskerChannel, routed.AskerPersonId, ExpertAnswerComposer.Payload(id));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        if (!won)
        {
            var first = await db.RoutedQuestions.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            return AlreadyAnswered(first);
        }
        routed.Answer = answer;
        routed.AnsweredBy = answeredBy;
        routed.AnsweredAt = answeredAt;
        return new Reply { UpdatedCard = ExpertCards.Answered(routed) };
    }

    private static Reply AlreadyAnswered(RoutedQuestionRecord routed) => new()
    {
        UpdatedCard = ExpertCards.Answered(routed),
        Messages = [OutboundMessage.FromText($"{routed.AnsweredBy} already answered this one — thank you all the same!")],
    };
}

/// <summary>"experts here" in a channel makes it the team's experts channel; "experts" says where questions go.</summary>
public sealed class ExpertsCommand(ExpertRouting routing) : ICommandHandler
{
    public string Name => "experts";
    public string Description => "in a channel: \"experts here\" sends unanswered questions to it";
    public string Usage => "**experts here**";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (arguments.Equals("here", StringComparison.OrdinalIgnoreCase))
        {
            if (turn.Conversation.Type == ConversationType.Personal)
            {
                return Reply.WithText("Run **experts here** in the channel where your experts are (mention me there), not in a 1:1 chat.");
            }
            var orgWide = await routing.SetChannelAsync(turn, cancellationToken).ConfigureAwait(false);
            return Reply.WithText(orgWide
                ? "Done: questions the lesson library can't answer will come to this channel — from this team, and from anyone whose team has no experts channel of its own."
                : "Done: questions from this team that the lesson library can't answer will come to this channel.");
        }
        var current = await routing.FindChannelAsync(turn, cancellationToken).ConfigureAwait(false);
        return Reply.WithText(current is null
            ? "No experts channel is set up yet. In the channel where your experts are, mention me with **experts here**."
            : "Unanswered questions go to the experts channel set up with **experts here**. Run it again in another channel to move them.");
    }
}
