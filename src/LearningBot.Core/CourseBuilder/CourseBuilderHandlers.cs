using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.CourseBuilder;

/// <summary><c>build lessons</c>: drafts lessons from the document last shared in this chat.</summary>
public sealed class BuildLessonsCommand(CourseDrafting drafting) : ICommandHandler
{
    public string Name => "build";
    public string Description => "draft microlessons from the document you just shared with me";
    public string Usage => "**build lessons**";

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken) =>
        drafting.BuildLatestAsync(turn, arguments, cancellationToken);
}

/// <summary>A document shared in a 1:1 chat: the course builder offers to draft lessons from it.</summary>
public sealed class CourseBuilderFiles(CourseDrafting drafting) : ISharedFileHandler
{
    public Task<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken) => drafting.OfferAsync(turn, cancellationToken);
}

/// <summary>The course builder's buttons: Build / No thanks on the offer, Cancel while drafting, and each draft's review.</summary>
public sealed class CourseBuilderCardActions(CourseDrafting drafting, CourseReview review) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
    [
        CourseBuilderVerbs.Build, CourseBuilderVerbs.Decline, CourseBuilderVerbs.Cancel, CourseBuilderVerbs.Approve,
        CourseBuilderVerbs.Edit, CourseBuilderVerbs.Save, CourseBuilderVerbs.Review, CourseBuilderVerbs.Discard,
    ];

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Verb switch
        {
            CourseBuilderVerbs.Build => drafting.AnswerOfferAsync(turn, action, build: true, cancellationToken),
            CourseBuilderVerbs.Decline => drafting.AnswerOfferAsync(turn, action, build: false, cancellationToken),
            CourseBuilderVerbs.Cancel => drafting.CancelAsync(turn, action, cancellationToken),
            CourseBuilderVerbs.Approve => review.ApproveAsync(turn, action, cancellationToken),
            CourseBuilderVerbs.Edit => review.EditAsync(turn, action, cancellationToken),
            CourseBuilderVerbs.Save => review.SaveAsync(turn, action, cancellationToken),
            CourseBuilderVerbs.Review => review.ShowAsync(turn, action, cancellationToken),
            _ => review.DiscardAsync(turn, action, cancellationToken),
        };
    }
}

/// <summary>A draft's review card, built when it is sent (a draft decided meanwhile is not sent).</summary>
public sealed class CourseDraftCardComposer(LearningBotDbContext db) : IOutboxComposer
{
    public string Kind => CourseDrafting.DraftCardKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var draftId))
        {
            return null;
        }
        var draft = await db.Set<CourseDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken).ConfigureAwait(false);
        if (draft is null || draft.Status != CourseDraftStatus.Draft)
        {
            return null;
        }
        var document = await db.Set<CourseDocumentRecord>().AsNoTracking().Where(d => d.Id == draft.DocumentId).Select(d => d.FileName).SingleAsync(cancellationToken).ConfigureAwait(false);
        return OutboundMessage.FromCard(CourseBuilderCards.Review(draft, CourseReview.Parse(draft), document));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}
