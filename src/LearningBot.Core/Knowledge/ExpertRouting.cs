using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// "Ask the experts": a question the library cannot answer goes — with the asker's name, or anonymously if they
/// choose — to the experts channel of their team. An expert answers on the card, and the asker gets the answer
/// in their 1:1 chat. Not knowing is normal; asking should be safe.
/// </summary>
public sealed class ExpertRouting(
    LearningBotDbContext db,
    ConversationReferenceStore conversations,
    IEnumerable<IProactiveMessenger> messengers,
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

    public async Task<Reply> RouteAsync(Turn turn, string question, bool anonymous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await db.RoutedQuestions.AnyAsync(r => r.EventId == turn.EventId, cancellationToken).ConfigureAwait(false))
        {
            return Reply.None;
        }
        var experts = await FindChannelAsync(turn, cancellationToken).ConfigureAwait(false);
        var target = experts is null ? null : await conversations.FindAsync(turn.Channel, experts.ConversationId, cancellationToken).ConfigureAwait(false);
        var messenger = messengers.FirstOrDefault(m => m.Channel == turn.Channel);
        if (target is null || target.RemovedAt is not null || messenger is null)
        {
            return Reply.WithText("There's no experts channel set up for your team yet. Ask a colleague, or ask your L&D team to run **experts here** in the channel where your experts are.");
        }

        var routed = new RoutedQuestionRecord
        {
            Id = Guid.NewGuid(), EventId = turn.EventId, AskerPersonId = turn.PersonId, AskerChannel = turn.Channel,
            Question = question.Length > 1000 ? question[..1000] : question, Anonymous = anonymous,
            ExpertConversationId = target.ConversationId, AskedAt = clock.GetUtcNow(),
        };
        try
        {
            await messenger.SendAsync(target, OutboundMessage.FromCard(ExpertCards.Question(routed, anonymous ? null : turn.From.Name)), cancellationToken).ConfigureAwait(false);
        }
        catch (ProactiveDeliveryException)
        {
            return Reply.WithText("I couldn't reach the experts channel just now. Please try again in a few minutes.");
        }
        db.RoutedQuestions.Add(routed);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            Messages = [OutboundMessage.FromText(anonymous
                ? "Sent to the experts without your name. I'll message you here when someone answers."
                : "Sent to the experts. I'll message you here when someone answers.")],
        };
    }

    public async Task<Reply> AnswerAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var answer = action.Data.GetValueOrDefault(ExpertCards.AnswerInput)?.Trim() ?? "";
        if (!Guid.TryParse(action.Data.GetValueOrDefault("routedId"), out var id))
        {
            return Reply.WithText("This card is missing its question. It may be from an older version of LearningBot.");
        }
        var routed = await db.RoutedQuestions.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
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
            return new Reply { UpdatedCard = ExpertCards.Answered(routed), Messages = [OutboundMessage.FromText($"{routed.AnsweredBy} already answered this one — thank you all the same!")] };
        }

        var asker = await conversations.FindPersonalAsync(routed.AskerChannel, routed.AskerPersonId, cancellationToken).ConfigureAwait(false);
        var messenger = messengers.FirstOrDefault(m => m.Channel == routed.AskerChannel);
        if (asker is null || messenger is null)
        {
            return Reply.WithText("I can't reach the person who asked any more (they may have removed the app).");
        }
        routed.Answer = answer;
        routed.AnsweredBy = turn.From.Name;
        routed.AnsweredAt = clock.GetUtcNow();
        try
        {
            await messenger.SendAsync(asker, OutboundMessage.FromCard(ExpertCards.AnswerForAsker(routed)), cancellationToken).ConfigureAwait(false);
        }
        catch (ProactiveDeliveryException)
        {
            return Reply.WithText("I couldn't deliver your answer just now. Please press **Send answer** again in a few minutes.");
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new Reply { UpdatedCard = ExpertCards.Answered(routed) };
    }
}

/// <summary>The cards of expert routing.</summary>
public static class ExpertCards
{
    public const string AnswerInput = "answer";

    public static Card Question(RoutedQuestionRecord routed, string? askerName)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return new Card
        {
            Title = askerName is null ? "A colleague has a question" : $"{askerName} has a question",
            Subtitle = "The lesson library has no answer yet — can you help?",
            Body =
            [
                new TextElement($"_{routed.Question}_"),
                new TextInputElement(AnswerInput, "Your answer") { Multiline = true, Required = true, MaxLength = 4000, Placeholder = "Write the answer you'd give over coffee" },
            ],
            Actions = [CardAction.Submit("Send answer", KnowledgeVerbs.ExpertAnswer, new Dictionary<string, string> { ["routedId"] = routed.Id.ToString() }, primary: true)],
        };
    }

    public static Card Answered(RoutedQuestionRecord routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return new Card
        {
            Title = "Answered — thank you!",
            Body =
            [
                new TextElement($"_{routed.Question}_"),
                new TextElement(routed.Answer ?? ""),
                new TextElement($"Answered by **{routed.AnsweredBy}**; the person who asked has been told.") { Subtle = true },
            ],
        };
    }

    public static Card AnswerForAsker(RoutedQuestionRecord routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return new Card
        {
            Title = "An expert answered your question",
            Body =
            [
                new TextElement($"You asked: _{routed.Question}_"),
                new TextElement(routed.Answer ?? ""),
                new TextElement($"— {routed.AnsweredBy}") { Subtle = true },
            ],
        };
    }
}

/// <summary>"experts here" in a channel makes it the team's experts channel; "experts" says where questions go.</summary>
public sealed class ExpertsCommand(ExpertRouting routing) : ICommandHandler
{
    public string Name => "experts";
    public string Description => "in a channel: \"experts here\" sends unanswered questions to it";
    public string Usage => "experts here";

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
