using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// The author's review of stored drafts, from each draft's card: Edit (title, summary, each question), Approve (into
/// the library, where search and the daily quizzes find it, with author and source document recorded) or Discard. Only
/// the person who shared the document decides; each draft is decided once, and a repeated or stale click changes nothing.
/// </summary>
public sealed class CourseReview(LearningBotDbContext db, LessonImporter importer, TimeProvider clock, ILogger<CourseReview> logger)
{
    /// <summary>The library approved drafts are imported into.</summary>
    public const string Library = "course-builder";

    /// <summary>The most quiz questions a draft can have on the edit form.</summary>
    public const int MaxQuestions = 5;

    public async Task<Reply> ShowAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        var (draft, lesson, document, refusal) = await DraftForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        return refusal ?? new Reply { UpdatedCard = CourseBuilderCards.Review(draft!, lesson!, document!) };
    }

    public async Task<Reply> EditAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        var (draft, lesson, document, refusal) = await DraftForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        return new Reply { UpdatedCard = CourseBuilderSteps.InReview.IsCurrent(draft!) ? CourseBuilderCards.Edit(draft!, lesson!) : CourseBuilderCards.Review(draft!, lesson!, document!) };
    }

    /// <summary>Save on the edit form: the lesson rewritten with the new title, summary and questions, checked by the importer's parser.</summary>
    public async Task<Reply> SaveAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (draft, lesson, document, refusal) = await DraftForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!CourseBuilderSteps.InReview.IsCurrent(draft!))
        {
            return new Reply { UpdatedCard = CourseBuilderCards.Decided(draft!) };
        }
        var (edited, error) = Edited(lesson!, action.Data);
        if (error is not null)
        {
            return new Reply { UpdatedCard = CourseBuilderCards.Edit(draft!, lesson!, action.Data, error), FieldErrors = null };
        }
        var (markdown, problems) = CourseDrafter.Validate(edited!);
        if (problems.Count > 0)
        {
            return new Reply { UpdatedCard = CourseBuilderCards.Edit(draft!, lesson!, action.Data, "That breaks the content format: " + string.Join("; ", problems.Select(p => p.Rule))) };
        }
        var now = clock.GetUtcNow();
        var id = draft!.Id;
        var title = edited!.Title;
        // Only a draft still in review is rewritten; a Save racing an Approve loses.
        var saved = await CourseBuilderSteps.InReview.TryMoveOnAsync(db.Set<CourseDraftRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Markdown, markdown).SetProperty(d => d.Title, title).SetProperty(d => d.EditedAt, now), cancellationToken).ConfigureAwait(false);
        var current = await db.Set<CourseDraftRecord>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        if (saved)
        {
            Log.DraftEdited(logger, id, current.LessonId);
        }
        return new Reply { UpdatedCard = CourseBuilderCards.Review(current, Parse(current), document!) };
    }

    public async Task<Reply> ApproveAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        var (draft, lesson, document, refusal) = await DraftForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!CourseBuilderSteps.InReview.IsCurrent(draft!))
        {
            return new Reply { UpdatedCard = CourseBuilderCards.Decided(draft!) };
        }
        var now = clock.GetUtcNow();
        var author = await db.People.AsNoTracking().Where(p => p.Id == draft!.AuthorPersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";
        var published = lesson! with
        {
            Updated = DateOnly.FromDateTime(now.UtcDateTime),
            ExtraFrontMatter = WithApproval(lesson.ExtraFrontMatter, document!, author, draft!.AuthorPersonId, now),
        };
        var markdown = LessonWriter.Write(published);
        var id = draft.Id;
        var won = await CourseBuilderSteps.InReview.TryMoveOnAsync(db.Set<CourseDraftRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Status, CourseDraftStatus.Approved).SetProperty(d => d.DecidedAt, now).SetProperty(d => d.Markdown, markdown), cancellationToken).ConfigureAwait(false);
        if (!won)
        {
            var current = await db.Set<CourseDraftRecord>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
            return new Reply { UpdatedCard = CourseBuilderCards.Decided(current) };
        }
        var report = await importer.ImportGeneratedAsync(Library, draft.LessonId + ".md", markdown, cancellationToken).ConfigureAwait(false);
        if (report.Rejected.Count > 0)
        {
            // Give the draft back to review rather than leave it "approved" but missing from the library.
            await db.Set<CourseDraftRecord>().Where(d => d.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, CourseDraftStatus.Draft).SetProperty(d => d.DecidedAt, (DateTimeOffset?)null).SetProperty(d => d.Markdown, draft.Markdown), cancellationToken)
                .ConfigureAwait(false);
            Log.ApproveRejected(logger, id, report.Rejected[0].Rule);
            return new Reply { UpdatedCard = CourseBuilderCards.Review(draft, lesson, document!, $"I couldn't add it to the library: {report.Rejected[0].Rule}. Edit it and try again, or discard it.") };
        }
        Log.Approved(logger, id, draft.LessonId, turn.PersonId);
        return new Reply { UpdatedCard = CourseBuilderCards.Decided(new CourseDraftRecord { LessonId = draft.LessonId, Title = draft.Title, Markdown = markdown, Status = CourseDraftStatus.Approved }) };
    }

    public async Task<Reply> DiscardAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        var (draft, _, _, refusal) = await DraftForAuthorAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var id = draft!.Id;
        var now = clock.GetUtcNow();
        if (await CourseBuilderSteps.InReview.TryMoveOnAsync(db.Set<CourseDraftRecord>().Where(d => d.Id == id),
            set => set.SetProperty(d => d.Status, CourseDraftStatus.Discarded).SetProperty(d => d.DecidedAt, now), cancellationToken).ConfigureAwait(false))
        {
            Log.Discarded(logger, id, draft.LessonId);
        }
        var current = await db.Set<CourseDraftRecord>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        return new Reply { UpdatedCard = CourseBuilderCards.Decided(current) };
    }

    /// <summary>The approved drafts as lesson files in the content format, for the content folder (<c>export-lessons</c>).</summary>
    public async Task<IReadOnlyList<(string FileName, string Markdown)>> ApprovedAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<CourseDraftRecord>().AsNoTracking().Where(d => d.Status == CourseDraftStatus.Approved).OrderBy(d => d.Id)
            .Select(d => new { d.LessonId, d.Markdown }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(d => (d.LessonId + ".md", d.Markdown))];

    internal static Lesson Parse(CourseDraftRecord draft)
    {
        var (lesson, problems) = LessonParser.Parse(draft.LessonId + ".md", draft.Markdown);
        return lesson ?? throw new InvalidOperationException($"Stored draft {draft.Id} does not parse: {string.Join("; ", problems)}");
    }

    private static (Lesson? Lesson, string? Error) Edited(Lesson lesson, IReadOnlyDictionary<string, string> data)
    {
        string Field(string id) => data.GetValueOrDefault(id)?.Trim() ?? "";
        var title = Field(CourseBuilderCards.TitleInput);
        var summary = Field(CourseBuilderCards.SummaryInput).Replace('\n', ' ');
        if (title.Length == 0)
        {
            return (null, "The lesson needs a title.");
        }
        if (summary.Length == 0)
        {
            return (null, "The lesson needs a summary of a sentence or two.");
        }
        var quiz = new List<QuizQuestion>();
        for (var i = 0; i < MaxQuestions; i++)
        {
            var ids = CourseBuilderCards.QuestionInputs(i);
            var question = Field(ids.Question);
            var answer = Field(ids.Answer);
            var others = Field(ids.Others).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var explanation = Field(ids.Explanation);
            if (question.Length == 0 && answer.Length == 0 && others.Count == 0 && explanation.Length == 0)
            {
                continue;
            }
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (question.Length == 0 || answer.Length == 0 || others.Count == 0)
            {
                return (null, $"Question {n} needs its question, its right answer and at least one wrong answer — or clear all its fields to remove it.");
            }
            if (others.Any(o => string.Equals(o, answer, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"In question {n}, a wrong answer is the same as the right one.");
            }
            // Keep the right answer where it was when it still is among the choices; a new question puts it first.
            var old = i < lesson.Quiz.Count ? lesson.Quiz[i] : null;
            var at = old is null ? 0 : Math.Min(old.Answer, others.Count);
            var choices = new List<string>(others);
            choices.Insert(at, answer);
            quiz.Add(new QuizQuestion($"{lesson.Id}-q{(quiz.Count + 1).ToString(CultureInfo.InvariantCulture)}", question.Replace('\n', ' '), choices, at, explanation.Replace('\n', ' ')));
        }
        var body = ReplaceTitle(lesson.Body, title);
        return (lesson with { Title = title, Summary = summary, Quiz = quiz, Body = body, Sections = LessonParser.SplitSections(body) }, null);
    }

    private static string ReplaceTitle(string body, string title)
    {
        var lines = body.Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith("# ", StringComparison.Ordinal));
        if (at >= 0)
        {
            lines[at] = "# " + title.Replace('\n', ' ');
            return string.Join('\n', lines);
        }
        return $"# {title}\n\n{body}";
    }

    private static string WithApproval(string? extra, string document, string author, Guid authorPersonId, DateTimeOffset now)
    {
        var root = (extra is null ? null : JsonNode.Parse(extra) as JsonObject) ?? [];
        if (root["source"] is not JsonObject source)
        {
            source = new JsonObject { ["document"] = document };
            root["source"] = source;
        }
        source["author"] = author;
        source["authorId"] = authorPersonId.ToString();
        source["approved"] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private async Task<(CourseDraftRecord? Draft, Lesson? Lesson, string? Document, Reply? Refusal)> DraftForAuthorAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Data.GetValueOrDefault(CourseBuilderCards.DraftKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var draftId))
        {
            return (null, null, null, Reply.WithText("This button is missing its draft. It may be from an older version of LearningBot."));
        }
        var draft = await db.Set<CourseDraftRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return (null, null, null, Reply.WithText("I can't find that draft any more."));
        }
        if (draft.AuthorPersonId != turn.PersonId)
        {
            return (null, null, null, Reply.WithText("Only the person who shared the document can approve, edit or discard its drafts."));
        }
        var document = await db.Set<CourseDocumentRecord>().AsNoTracking().Where(d => d.Id == draft.DocumentId).Select(d => d.FileName).SingleAsync(cancellationToken).ConfigureAwait(false);
        return (draft, Parse(draft), document, null);
    }
}
