using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Search;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// Free text → the lesson that answers it (written up by the language model when one is configured), or an
/// honest "not yet" with the closest topics; unanswered questions are kept as content gaps. Greetings and thanks
/// (<see cref="SmallTalk"/>) get a short, kind answer instead, before any search.
/// </summary>
public sealed class KnowledgeQuestionHandler(KnowledgeAnswerer answerer, KnowledgeRecords records, ExpertRouting experts) : IQuestionHandler
{
    public async Task<Reply> HandleAsync(Turn turn, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (SmallTalk.Classify(question) is { } smallTalk)
        {
            // Conversation, not a question for the library: no search, no content gap, no experts.
            return Reply.WithText(SmallTalk.Answer(smallTalk, turn.From.Name));
        }
        var result = await answerer.AnswerAsync(question, cancellationToken).ConfigureAwait(false);
        var search = result.Search;
        if (result.Generated is { } generated)
        {
            await records.RecordAskedAsync(turn, (generated.Cited.Count > 0 ? generated.Cited[0].LessonId : null) ?? search.Best?.LessonId, cancellationToken).ConfigureAwait(false);
            return Reply.WithCard(KnowledgeCards.GeneratedAnswer(question, generated.Text, generated.Cited, search.Hits.Except(generated.Cited).Take(1).ToList()));
        }
        if (search is { Answered: true, Best: { } best })
        {
            await records.RecordAskedAsync(turn, best.LessonId, cancellationToken).ConfigureAwait(false);
            return Reply.WithCard(KnowledgeCards.Answer(question, best, search.Hits.Skip(1).Take(1).ToList()));
        }
        await records.RecordAskedAsync(turn, null, cancellationToken).ConfigureAwait(false);
        await records.RecordGapAsync(turn, question, search, cancellationToken).ConfigureAwait(false);
        var expertsAvailable = await experts.FindChannelAsync(turn, cancellationToken).ConfigureAwait(false) is not null;
        return Reply.WithCard(KnowledgeCards.NotInLibrary(question, search.Hits, search.Redirect, expertsAvailable));
    }
}

/// <summary>"refresher &lt;topic&gt;": key points and one practice question of the best lesson on the topic.</summary>
public sealed class RefresherCommand(IKnowledgeSearch search, LessonCatalog catalog) : ICommandHandler
{
    public string Name => "refresher";
    public string Description => "a two-minute refresher on a topic";
    public string Usage => "**refresher** _topic_";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        arguments = arguments.Trim();
        if (arguments.StartsWith("on ", StringComparison.OrdinalIgnoreCase))
        {
            arguments = arguments[3..];
        }
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return Reply.WithText("Which topic? For example: **refresher phishing** or **refresher giving feedback**.");
        }
        var answer = await search.SearchAsync(arguments, cancellationToken).ConfigureAwait(false);
        if (answer is not { Answered: true, Best: { } best })
        {
            return Reply.WithCard(KnowledgeCards.NotInLibrary(arguments, answer.Hits, answer.Redirect));
        }
        var lesson = await catalog.FindAsync(best.LessonId, cancellationToken).ConfigureAwait(false);
        return lesson is null ? Reply.WithCard(KnowledgeCards.NotInLibrary(arguments, [])) : Reply.WithCard(KnowledgeCards.Refresher(lesson));
    }
}

/// <summary>Buttons on knowledge cards: open a whole lesson, ask a suggested question, say whether an answer helped.</summary>
public sealed class KnowledgeCardActions(LessonCatalog catalog, KnowledgeQuestionHandler questions, KnowledgeRecords records, ExpertRouting experts) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
        [KnowledgeVerbs.OpenLesson, KnowledgeVerbs.Ask, KnowledgeVerbs.Feedback, KnowledgeVerbs.AskExperts, KnowledgeVerbs.ExpertAnswer, KnowledgeVerbs.RevealAnswer];

    public async Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Verb == KnowledgeVerbs.AskExperts)
        {
            var question = action.Data.GetValueOrDefault("question")?.Trim();
            return string.IsNullOrEmpty(question)
                ? Reply.WithText("That button is missing its question. Ask me again and I'll offer to pass it on.")
                : await experts.RouteAsync(turn, question, action.Data.GetValueOrDefault("anonymous") == "yes", cancellationToken).ConfigureAwait(false);
        }
        if (action.Verb == KnowledgeVerbs.ExpertAnswer)
        {
            return await experts.AnswerAsync(turn, action, cancellationToken).ConfigureAwait(false);
        }
        if (action.Verb == KnowledgeVerbs.Feedback)
        {
            if (!action.Data.TryGetValue("lessonId", out var ratedLesson) || !action.Data.TryGetValue("helpful", out var helpful) || helpful is not ("yes" or "no"))
            {
                return Reply.WithText("That feedback button is missing its details — thanks for trying, though!");
            }
            var question = action.Data.GetValueOrDefault("question") ?? "";
            var vote = await records.RecordFeedbackAsync(turn, question, ratedLesson, helpful == "yes", cancellationToken).ConfigureAwait(false);
            var thanks = vote switch
            {
                FeedbackVote.Unchanged => null,
                FeedbackVote.Changed => helpful == "yes"
                    ? "Changed your vote to 👍 — glad it helped after all."
                    : "Changed your vote to 👎 — thanks for saying so; I've passed it on to the people who write the lessons.",
                _ => helpful == "yes"
                    ? "Thanks — glad it helped! 🙌"
                    : "Thanks for saying so — I've passed it on to the people who write the lessons. Try asking in other words, or open a related lesson.",
            };
            if (thanks is null)
            {
                return Reply.None;
            }
            // In a 1:1 chat the card itself shows the vote. A card in a shared conversation is everyone's: one person's
            // vote is not drawn on it (their thanks are private where the channel allows).
            var voted = turn.Conversation.Type == ConversationType.Personal
                ? await AnswerWithVoteAsync(question, action.Data, helpful == "yes", cancellationToken).ConfigureAwait(false)
                : null;
            return voted is null
                ? Reply.WithText(thanks)
                : new Reply { UpdatedCard = voted, Messages = [OutboundMessage.FromText(thanks)] };
        }
        if (action.Verb == KnowledgeVerbs.Ask)
        {
            return action.Data.TryGetValue("question", out var question) && !string.IsNullOrWhiteSpace(question)
                ? await questions.HandleAsync(turn, question, cancellationToken).ConfigureAwait(false)
                : Reply.WithText("Type your question and I'll look it up.");
        }
        if (!action.Data.TryGetValue("lessonId", out var lessonId) || string.IsNullOrWhiteSpace(lessonId))
        {
            return Reply.WithText("That button is missing its lesson. Ask your question again and I'll find it.");
        }
        var lesson = await catalog.FindAsync(lessonId, cancellationToken).ConfigureAwait(false);
        if (lesson is null)
        {
            return Reply.WithText("That lesson has been retired from the library. Ask your question again for the current one.");
        }
        // The refresher again with its answer shown, in place of the card clicked.
        return action.Verb == KnowledgeVerbs.RevealAnswer
            ? new Reply { UpdatedCard = KnowledgeCards.Refresher(lesson, answerShown: true) }
            : Reply.WithCard(KnowledgeCards.FullLesson(lesson));
    }

    private async Task<Card?> AnswerWithVoteAsync(string question, IReadOnlyDictionary<string, string> data, bool helpful, CancellationToken cancellationToken)
    {
        if (KnowledgeCards.AnswerDrawnFrom(data) is not { } drawnFrom
            || await catalog.FindAsync(drawnFrom.LessonId, cancellationToken).ConfigureAwait(false) is not { } lesson)
        {
            return null;
        }
        var section = lesson.Sections.FirstOrDefault(s => s.Ordinal == drawnFrom.Section);
        var best = new LessonHit(lesson.Id, lesson.Title, lesson.Summary, drawnFrom.Section, section?.Heading ?? "", section?.Markdown ?? "", 0);
        var seeAlso = drawnFrom.SeeAlso is { Length: > 0 } other ? await catalog.FindAsync(other, cancellationToken).ConfigureAwait(false) : null;
        IReadOnlyList<LessonHit> others = seeAlso is null ? [] : [new LessonHit(seeAlso.Id, seeAlso.Title, seeAlso.Summary, 0, "", "", 0)];
        return KnowledgeCards.Answer(question, best, others, helpful);
    }
}
