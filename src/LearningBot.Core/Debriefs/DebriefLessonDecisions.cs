using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// The manager's decisions on the lessons participants proposed, from the summary card: Edit (reword it, add a quiz
/// question), Publish (into the knowledge library, where people asking find it) or Skip. Only the manager who started
/// the debrief decides, and each lesson is decided once.
/// </summary>
public sealed class DebriefLessonDecisions(
    LearningBotDbContext db,
    DebriefSummaries summaries,
    LessonImporter importer,
    TimeProvider clock,
    ILogger<DebriefLessonDecisions> logger)
{
    private const int MaxLesson = 2000;

    /// <summary>Edit: the manager rewords a proposed lesson on its own card, then publishes or skips it from there.</summary>
    public async Task<Reply> EditAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var (lesson, debrief, refusal) = await LessonForManagerAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!DebriefSteps.Proposed.IsCurrent(lesson!))
        {
            return await SummaryCardAsync(debrief!, [], cancellationToken).ConfigureAwait(false);
        }
        return new Reply { UpdatedCard = DebriefCards.EditLesson(debrief!, lesson!, await AuthorAsync(lesson!, cancellationToken).ConfigureAwait(false)) };
    }

    /// <summary>Publish or Skip a proposed lesson; only the manager who started the debrief may.</summary>
    public async Task<Reply> DecideAsync(Turn turn, CardActionInvocation action, bool publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var (lesson, debrief, refusal) = await LessonForManagerAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var lessonId = lesson!.Id;
        var project = debrief!.Project;
        // From the edit card, the reworded lesson arrives with the button.
        var text = action.Data.TryGetValue(DebriefCards.LessonTextInput, out var edited) ? edited.Trim() : lesson.Text;
        var (quiz, quizError) = DebriefLessonQuiz.From(action.Data);
        var textError = text.Length == 0 ? "The lesson is empty: write a sentence or two, or press Skip." : text.Length > MaxLesson ? "Keep the lesson under 2,000 characters." : null;
        if (publish && DebriefSteps.Proposed.IsCurrent(lesson) && (textError ?? quizError) is { } error)
        {
            return new Reply
            {
                UpdatedCard = DebriefCards.EditLesson(debrief, lesson, await AuthorAsync(lesson, cancellationToken).ConfigureAwait(false), text, error,
                    action.Data.Where(d => d.Key.StartsWith("quiz", StringComparison.Ordinal)).ToDictionary()),
            };
        }
        if (!publish)
        {
            text = text.Length == 0 ? lesson.Text : text[..Math.Min(text.Length, MaxLesson)];
        }
        var now = clock.GetUtcNow();
        var status = publish ? DebriefLessonStatus.Published : DebriefLessonStatus.Skipped;
        var knowledgeId = publish ? DebriefLessonDocument.Id(project, lesson.Ordinal) : null;
        var won = await DebriefSteps.Proposed.TryMoveOnAsync(db.Set<DebriefLessonRecord>().Where(l => l.Id == lessonId),
            set => set.SetProperty(l => l.Status, status).SetProperty(l => l.DecidedAt, now).SetProperty(l => l.LessonId, knowledgeId).SetProperty(l => l.Text, text),
            cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboundMessage>();
        if (won && publish)
        {
            var author = await AuthorAsync(lesson, cancellationToken).ConfigureAwait(false);
            var document = DebriefLessonDocument.Lesson(knowledgeId!, debrief, text, author, now, quiz);
            var report = await importer.ImportGeneratedAsync(DebriefService.Library, $"{knowledgeId}.md", LessonWriter.Write(document), cancellationToken).ConfigureAwait(false);
            if (report.Rejected.Count > 0)
            {
                // Give the lesson back to the manager's decision rather than leave it "published" but unfindable.
                await db.Set<DebriefLessonRecord>().Where(l => l.Id == lessonId)
                    .ExecuteUpdateAsync(set => set.SetProperty(l => l.Status, DebriefLessonStatus.Proposed).SetProperty(l => l.LessonId, (string?)null), cancellationToken).ConfigureAwait(false);
                Log.PublishRejected(logger, debrief.Id, lessonId, report.Rejected[0].Rule);
                return Reply.WithText($"I couldn't publish that lesson: {report.Rejected[0].Rule}. Please try again, or skip it.");
            }
            Log.Published(logger, debrief.Id, lessonId, knowledgeId!);
            messages.Add(OutboundMessage.FromText($"Published: people asking about it will now find the lesson from **{project}**."));
        }
        else if (won)
        {
            Log.Skipped(logger, debrief.Id, lessonId);
        }
        return await SummaryCardAsync(debrief, messages, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(DebriefLessonRecord? Lesson, DebriefRecord? Debrief, Reply? Refusal)> LessonForManagerAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        if (!long.TryParse(action.Data.GetValueOrDefault(DebriefCards.LessonKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var lessonId))
        {
            return (null, null, Reply.WithText("This button is missing its lesson. It may be from an older version of LearningBot."));
        }
        var lesson = await db.Set<DebriefLessonRecord>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == lessonId, cancellationToken).ConfigureAwait(false);
        var debrief = lesson is null ? null : await db.Set<DebriefRecord>().AsNoTracking().SingleAsync(d => d.Id == lesson.DebriefId, cancellationToken).ConfigureAwait(false);
        if (lesson is null || debrief is null)
        {
            return (null, null, Reply.WithText("I can't find that lesson any more."));
        }
        return debrief.ManagerPersonId != turn.PersonId
            ? (null, null, Reply.WithText("Only the manager who started this debrief can publish, edit or skip its lessons."))
            : (lesson, debrief, null);
    }

    /// <summary>The manager's summary card as it stands now, with <paramref name="messages"/> before it.</summary>
    private async Task<Reply> SummaryCardAsync(DebriefRecord debrief, List<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        var summary = await summaries.BuildAsync(debrief.Id, withAi: false, cancellationToken).ConfigureAwait(false);
        return new Reply { Messages = messages, UpdatedCard = summary is null ? null : DebriefCards.Summary(summary, forManager: true) };
    }

    private async Task<string> AuthorAsync(DebriefLessonRecord lesson, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.Id == lesson.AuthorPersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";
}
