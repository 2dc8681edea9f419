using System.Globalization;
using System.Threading.Channels;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// The chat flow of the course builder: a document shared in a 1:1 chat is offered for drafting; "Build lessons" (or
/// typing <c>build lessons</c>) queues it; the drafting worker downloads it through its channel, drafts it with progress
/// for long documents ("Drafted 4 of 11 lessons…"), stores the drafts and sends one review card per draft through the
/// outbox. Cancel stops it between lessons and keeps nothing. The download link is dropped once drafting starts, and
/// the document's text is kept only when <see cref="CourseBuilderOptions.KeepDocumentText"/> says so.
/// </summary>
public sealed class CourseDrafting(
    LearningBotDbContext db,
    CourseDrafter drafter,
    CourseDraftingSignals signals,
    OutboxWriter outbox,
    IEnumerable<ISharedFileDownloader> downloaders,
    IOptions<CourseBuilderOptions> options,
    TimeProvider clock,
    ILogger<CourseDrafting> logger)
{
    /// <summary>The outbox kind of a draft's review card (payload: the draft id).</summary>
    public const string DraftCardKind = "course.draft";

    private const string BuildWords = "build lessons";

    /// <summary>A file shared in a 1:1 chat: offered for drafting, or drafted at once when the message says "build lessons".</summary>
    public async Task<Reply> OfferAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var file = turn.Files[0];
        var count = turn.Files.Count;
        var name = Path.GetFileName(file.Name);
        var settings = options.Value;
        if (!DocumentReader.Reads(name))
        {
            return Reply.WithText($"I can build lessons from {DocumentReader.Accepted} files; {name} is none of those. Send the document in one of them.");
        }
        if (file.Size is { } size && size > settings.MaxFileBytes)
        {
            return Reply.WithText(DocumentReader.TooLarge(name, size, settings));
        }
        var document = new CourseDocumentRecord
        {
            Id = Guid.NewGuid(),
            EventId = turn.EventId,
            AuthorPersonId = turn.PersonId,
            Channel = turn.Channel,
            FileName = name.Length > 260 ? name[^260..] : name,
            DownloadUrl = file.DownloadUrl,
            Workspace = file.Workspace,
            Status = CourseDocumentStatus.Offered,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(document);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            return Reply.None;
        }
        Log.Offered(logger, turn.PersonId, document.FileName, document.Id);
        var more = count > 1 ? $"I'll take one document at a time: {name} first." : null;
        if (string.Equals(turn.Text.Trim().TrimStart('/'), BuildWords, StringComparison.OrdinalIgnoreCase))
        {
            var started = await StartAsync(document.Id, cancellationToken).ConfigureAwait(false);
            return more is null ? started : started with { Messages = [OutboundMessage.FromText(more), .. started.Messages] };
        }
        var offer = Reply.WithCard(CourseBuilderCards.Offer(document));
        return more is null ? offer : offer with { Messages = [OutboundMessage.FromText(more), .. offer.Messages] };
    }

    /// <summary>The <c>build lessons</c> command: the person's latest offered document is drafted.</summary>
    public async Task<Reply> BuildLatestAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!string.Equals(arguments?.Trim(), "lessons", StringComparison.OrdinalIgnoreCase))
        {
            return Reply.WithText("Type **build lessons** after sharing a document with me in this chat.");
        }
        var since = clock.GetUtcNow() - options.Value.OfferLifetime;
        var person = turn.PersonId;
        var latest = await db.Set<CourseDocumentRecord>().AsNoTracking()
            .Where(d => d.AuthorPersonId == person && d.Status == CourseDocumentStatus.Offered && d.CreatedAt >= since)
            .OrderByDescending(d => d.CreatedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return latest is { } id
            ? await StartAsync(id, cancellationToken).ConfigureAwait(false)
            : Reply.WithText($"Share a document with me in this chat first ({DocumentReader.Accepted}), then type **build lessons**.");
    }

    /// <summary>The offer's buttons: Build lessons queues the document once; No thanks drops the link.</summary>
    public async Task<Reply> AnswerOfferAsync(Turn turn, CardActionInvocation action, bool build, CancellationToken cancellationToken)
    {
        var (document, refusal) = await DocumentForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (build)
        {
            var started = await StartAsync(document!.Id, cancellationToken).ConfigureAwait(false);
            return (started.Messages.Count > 0 ? started.Messages[0].Card : null) is { } card ? new Reply { UpdatedCard = card } : started;
        }
        var id = document!.Id;
        await CourseBuilderSteps.Offered.TryMoveOnAsync(db.Set<CourseDocumentRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Status, CourseDocumentStatus.Declined).SetProperty(d => d.DownloadUrl, (string?)null).SetProperty(d => d.FinishedAt, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new Reply { UpdatedCard = CourseBuilderCards.DocumentState(await ReloadAsync(id, cancellationToken).ConfigureAwait(false)) };
    }

    /// <summary>Cancel on the drafting card: drafting stops before the next lesson and nothing is kept.</summary>
    public async Task<Reply> CancelAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        var (document, refusal) = await DocumentForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var id = document!.Id;
        if (await CourseBuilderSteps.Running.TryMoveOnAsync(db.Set<CourseDocumentRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Status, CourseDocumentStatus.Cancelled).SetProperty(d => d.DownloadUrl, (string?)null).SetProperty(d => d.FinishedAt, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false))
        {
            signals.Cancel(id);
            Log.Cancelled(logger, id);
        }
        return new Reply { UpdatedCard = CourseBuilderCards.DocumentState(await ReloadAsync(id, cancellationToken).ConfigureAwait(false)) };
    }

    private async Task<Reply> StartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CourseBuilderSteps.Offered.TryMoveOnAsync(db.Set<CourseDocumentRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Status, CourseDocumentStatus.Queued), cancellationToken).ConfigureAwait(false))
        {
            Log.Queued(logger, id);
            signals.Signal(id);
        }
        var document = await ReloadAsync(id, cancellationToken).ConfigureAwait(false);
        return Reply.WithCard(document.Status is CourseDocumentStatus.Queued or CourseDocumentStatus.Drafting ? CourseBuilderCards.Drafting(document) : CourseBuilderCards.DocumentState(document));
    }

    /// <summary>
    /// Drafts a queued document (the worker's part): one run takes it, downloads it, drafts it and stores the drafts with
    /// their review cards and a summary in the outbox — or tells the author why it could not.
    /// </summary>
    public async Task RunAsync(Guid documentId, CancellationToken stoppingToken)
    {
        var document = await db.Set<CourseDocumentRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, stoppingToken).ConfigureAwait(false);
        if (document is null || document.DownloadUrl is not { } url
            || !await CourseBuilderSteps.Queued.TryMoveOnAsync(db.Set<CourseDocumentRecord>().Where(d => d.Id == documentId),
                set => set.SetProperty(d => d.Status, CourseDocumentStatus.Drafting).SetProperty(d => d.DownloadUrl, (string?)null), stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        var run = signals.Track(documentId, stoppingToken);
        try
        {
            await DraftAsync(document, url, run, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Cancelled by the author: the row already says so, and nothing was kept.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.DraftingFailed(logger, documentId, e);
            await FinishAsync(document, CourseDocumentStatus.Failed, $"Something went wrong while drafting lessons from {document.FileName}; nothing was kept. Please send it again.", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            signals.Untrack(documentId);
            run.Dispose();
        }
    }

    private async Task DraftAsync(CourseDocumentRecord document, string url, CancellationTokenSource run, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var downloader = downloaders.FirstOrDefault(d => d.Channel == document.Channel);
        if (downloader is null)
        {
            await FinishAsync(document, CourseDocumentStatus.Failed, $"I can't download files shared in {document.Channel} yet, so I couldn't read {document.FileName}.", stoppingToken).ConfigureAwait(false);
            return;
        }
        var file = new SharedFile(document.FileName, url) { Workspace = document.Workspace };
        var download = await downloader.DownloadAsync(file, settings.MaxFileBytes, run.Token).ConfigureAwait(false);
        if (download.TooLarge)
        {
            await FinishAsync(document, CourseDocumentStatus.Refused, DocumentReader.TooLarge(document.FileName, null, settings), stoppingToken).ConfigureAwait(false);
            return;
        }
        if (download.Content is not { } downloaded)
        {
            await FinishAsync(document, CourseDocumentStatus.Failed, $"I couldn't download {document.FileName}: {download.Failure}. Please send it again.", stoppingToken).ConfigureAwait(false);
            return;
        }
        var content = downloaded.ToArray();
        var updates = Channel.CreateUnbounded<DraftProgress>(new UnboundedChannelOptions { SingleReader = true });
        var drafting = DraftWithProgressAsync(document.FileName, content, updates.Writer, run.Token);
        var reported = 0;
        await foreach (var step in updates.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // A Cancel taken by another instance shows in the row; stop before the next lesson.
            var id = document.Id;
            var status = await db.Set<CourseDocumentRecord>().AsNoTracking().Where(d => d.Id == id).Select(d => d.Status).SingleAsync(stoppingToken).ConfigureAwait(false);
            if (status == CourseDocumentStatus.Cancelled)
            {
                await run.CancelAsync().ConfigureAwait(false);
                continue;
            }
            await db.Set<CourseDocumentRecord>().Where(d => d.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LessonsDone, step.Done).SetProperty(d => d.LessonsTotal, step.Total), stoppingToken).ConfigureAwait(false);
            if (IsMilestone(step, reported))
            {
                reported = step.Done;
                outbox.AddText($"course:{id:N}:progress:{step.Done.ToString(CultureInfo.InvariantCulture)}", document.Channel, document.AuthorPersonId,
                    $"Drafted {step.Done.ToString(CultureInfo.InvariantCulture)} of {step.Total.ToString(CultureInfo.InvariantCulture)} lessons from {document.FileName}…");
                await db.SaveOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        var result = await drafting.ConfigureAwait(false);
        run.Token.ThrowIfCancellationRequested();
        if (result.Refusal is { } refusal)
        {
            Log.Refused(logger, document.Id, refusal);
            await FinishAsync(document, CourseDocumentStatus.Refused, refusal, stoppingToken).ConfigureAwait(false);
            return;
        }
        if (result.Drafts.Count == 0)
        {
            var why = string.Join("\n", result.Dropped.Take(10).Select(d => $"- {d.Title}: {d.Reason}"));
            await FinishAsync(document, CourseDocumentStatus.Failed, $"I couldn't draft any lesson from {document.FileName}.\n{why}".TrimEnd(), stoppingToken).ConfigureAwait(false);
            return;
        }
        var text = settings.KeepDocumentText ? KeptText(document.FileName, content, settings) : null;
        await StoreAsync(document, result, text, stoppingToken).ConfigureAwait(false);
    }

    private async Task<DraftingResult> DraftWithProgressAsync(string fileName, byte[] content, ChannelWriter<DraftProgress> updates, CancellationToken cancellationToken)
    {
        try
        {
            return await drafter.DraftAsync(fileName, content, new ImmediateProgress(p => updates.TryWrite(p)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            updates.TryComplete();
        }
    }

    /// <summary>
    /// Long documents report progress: four to seven lessons at half way, eight or more at each quarter; never at the end
    /// (the summary says it).
    /// </summary>
    private static bool IsMilestone(DraftProgress step, int reported)
    {
        var parts = step.Total >= 8 ? 4 : 2;
        return step.Total >= 4 && step.Done < step.Total && step.Done * parts / step.Total > reported * parts / step.Total;
    }

    private async Task StoreAsync(CourseDocumentRecord document, DraftingResult result, string? text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var drafts = new List<CourseDraftRecord>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < result.Drafts.Count; i++)
        {
            var draft = result.Drafts[i];
            var lesson = await UnusedIdAsync(draft.Lesson, taken, cancellationToken).ConfigureAwait(false);
            var (markdown, problems) = CourseDrafter.Validate(lesson);
            if (problems.Count > 0)
            {
                continue;
            }
            drafts.Add(new CourseDraftRecord
            {
                DocumentId = document.Id, Ordinal = i + 1, LessonId = lesson.Id, Title = lesson.Title, Markdown = markdown, ByModel = draft.ByModel,
                AuthorPersonId = document.AuthorPersonId, Status = CourseDraftStatus.Draft, CreatedAt = now,
            });
        }
        var id = document.Id;
        var strategy = db.Database.CreateExecutionStrategy();
        var stored = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            // Only a run still drafting stores: a Cancel that won keeps nothing.
            if (await db.Set<CourseDocumentRecord>().Where(d => d.Id == id && d.Status == CourseDocumentStatus.Drafting)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, CourseDocumentStatus.Drafted).SetProperty(d => d.FinishedAt, now)
                    .SetProperty(d => d.ModelUsed, result.ModelUsed).SetProperty(d => d.Text, text)
                    .SetProperty(d => d.LessonsDone, result.Drafts.Count + result.Dropped.Count).SetProperty(d => d.LessonsTotal, result.Drafts.Count + result.Dropped.Count), cancellationToken)
                .ConfigureAwait(false) != 1)
            {
                return false;
            }
            db.AddRange(drafts);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            outbox.AddText($"course:{id:N}:drafted", document.Channel, document.AuthorPersonId, Summary(document.FileName, drafts.Count, result));
            foreach (var draft in drafts)
            {
                outbox.Add($"course:draft:{draft.Id.ToString(CultureInfo.InvariantCulture)}", DraftCardKind, document.Channel, document.AuthorPersonId, draft.Id.ToString(CultureInfo.InvariantCulture));
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        if (stored)
        {
            Log.Drafted(logger, id, drafts.Count, result.Dropped.Count, result.ModelUsed);
        }
    }

    private static string Summary(string fileName, int drafted, DraftingResult result)
    {
        var count = drafted.ToString(CultureInfo.InvariantCulture);
        var text = new System.Text.StringBuilder()
            .Append("Drafted ").Append(count).Append(drafted == 1 ? " lesson" : " lessons").Append(" from ").Append(fileName)
            .Append(". Nobody sees them until you approve them: on each card, **Approve** adds the lesson to the library, **Edit** changes its title, summary and questions, **Discard** drops it.");
        if (result.Dropped.Count > 0)
        {
            text.Append("\n\nNot drafted:");
            foreach (var dropped in result.Dropped.Take(10))
            {
                text.Append("\n- ").Append(dropped.Title).Append(" (").Append(dropped.Source).Append("): ").Append(dropped.Reason);
            }
        }
        if (result.Notice is { } notice)
        {
            text.Append("\n\n_").Append(notice).Append('_');
        }
        return text.ToString();
    }

    private async Task<Knowledge.Library.Lesson> UnusedIdAsync(Knowledge.Library.Lesson lesson, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var id = lesson.Id;
        for (var n = 2; taken.Contains(id) || await IdInUseAsync(id, cancellationToken).ConfigureAwait(false); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            id = (lesson.Id.Length + suffix.Length > Knowledge.Library.LessonFormat.MaxIdLength ? lesson.Id[..(Knowledge.Library.LessonFormat.MaxIdLength - suffix.Length)] : lesson.Id) + suffix;
        }
        taken.Add(id);
        return id == lesson.Id
            ? lesson
            : lesson with { Id = id, Quiz = [.. lesson.Quiz.Select((q, i) => q with { Id = $"{id}-q{(i + 1).ToString(CultureInfo.InvariantCulture)}" })] };
    }

    private async Task<bool> IdInUseAsync(string id, CancellationToken cancellationToken) =>
        await db.Lessons.AnyAsync(l => l.Id == id, cancellationToken).ConfigureAwait(false)
        || await db.Set<CourseDraftRecord>().AnyAsync(d => d.LessonId == id, cancellationToken).ConfigureAwait(false);

    private static string? KeptText(string fileName, byte[] content, CourseBuilderOptions settings) =>
        DocumentReader.Read(fileName, content, settings).Document is { } read ? string.Join("\n\n", read.Blocks.Select(b => b.Text)) : null;

    private async Task FinishAsync(CourseDocumentRecord document, CourseDocumentStatus status, string message, CancellationToken cancellationToken)
    {
        var id = document.Id;
        var now = clock.GetUtcNow();
        var outcome = message.Length > 2000 ? message[..2000] : message;
        if (await db.Set<CourseDocumentRecord>().Where(d => d.Id == id && d.Status == CourseDocumentStatus.Drafting)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, status).SetProperty(d => d.Outcome, outcome).SetProperty(d => d.FinishedAt, now), cancellationToken).ConfigureAwait(false) == 1)
        {
            outbox.AddText($"course:{id:N}:finished", document.Channel, document.AuthorPersonId, message);
            await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(CourseDocumentRecord? Document, Reply? Refusal)> DocumentForAuthorAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!Guid.TryParse(action.Data.GetValueOrDefault(CourseBuilderCards.DocumentKey), out var id))
        {
            return (null, Reply.WithText("This button is missing its document. It may be from an older version of LearningBot."));
        }
        var document = await db.Set<CourseDocumentRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        return document is null ? (null, Reply.WithText("I can't find that document any more."))
            : document.AuthorPersonId != turn.PersonId ? (null, Reply.WithText("Only the person who shared the document can do that."))
            : (document, null);
    }

    private async Task<CourseDocumentRecord> ReloadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<CourseDocumentRecord>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);

    /// <summary>Reports on the drafting thread itself, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class ImmediateProgress(Action<DraftProgress> report) : IProgress<DraftProgress>
    {
        public void Report(DraftProgress value) => report(value);
    }
}
