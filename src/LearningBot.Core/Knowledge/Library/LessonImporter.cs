using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Knowledge.Library;

/// <summary>What an import did, file by file.</summary>
public sealed record ImportReport
{
    public List<string> Added { get; } = [];
    public List<string> Updated { get; } = [];
    public List<string> Retired { get; } = [];
    public List<string> Unchanged { get; } = [];
    public List<LessonProblem> Rejected { get; } = [];
}

/// <summary>
/// Imports a lesson folder (CONTENT-FORMAT.md): new files add lessons, changed files update them in place
/// (quiz questions matched by id, so learners' history stays), removed files retire them. A file that breaks a
/// rule is rejected and the rest still import; the whole import is one transaction, so nothing is half-written.
/// </summary>
public sealed class LessonImporter(LearningBotDbContext db, IKeywordIndex index, ISentenceEmbedder embedder, IOptions<KnowledgeOptions> options, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        var library = Path.GetFullPath(folder);
        if (!Directory.Exists(library))
        {
            throw new DirectoryNotFoundException($"Lesson folder '{folder}' does not exist.");
        }
        var report = new ImportReport();
        var files = Directory.EnumerateFiles(library, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var seenLessons = new Dictionary<string, string>(StringComparer.Ordinal);
            var seenQuestions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(library, file);
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                await ImportFileAsync(library, relative, bytes, seenLessons, seenQuestions, report, cancellationToken).ConfigureAwait(false);
            }

            var gone = await db.Lessons
                .Where(l => l.Library == library && !l.Retired)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var lesson in gone.Where(l => !seenLessons.ContainsKey(l.Id)))
            {
                lesson.Retired = true;
                lesson.UpdatedAt = clock.GetUtcNow();
                await index.RemoveAsync(lesson.Id, cancellationToken).ConfigureAwait(false);
                report.Retired.Add($"{lesson.SourceFile} ({lesson.Id})");
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return report;
    }

    /// <summary>
    /// Imports one lesson written by the bot itself (a published debrief lesson) into <paramref name="library"/>, through
    /// the same parser, keyword index and embeddings as a file, so the answer search finds it like any other lesson.
    /// </summary>
    public async Task<ImportReport> ImportGeneratedAsync(string library, string file, string markdown, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(library);
        ArgumentNullException.ThrowIfNull(markdown);
        var report = new ImportReport();
        var bytes = new UTF8Encoding(false).GetBytes(markdown);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            await ImportFileAsync(library, file, bytes, new(StringComparer.Ordinal), new(StringComparer.Ordinal), report, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return report;
    }

    private async Task ImportFileAsync(
        string library, string relative, byte[] bytes,
        Dictionary<string, string> seenLessons, Dictionary<string, string> seenQuestions,
        ImportReport report, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            report.Rejected.Add(new LessonProblem(relative, null, "the file is not UTF-8 text"));
            return;
        }
        var (lesson, problems) = LessonParser.Parse(relative, text.TrimStart('\uFEFF'));
        if (lesson is null)
        {
            report.Rejected.AddRange(problems);
            return;
        }
        if (seenLessons.TryGetValue(lesson.Id, out var firstFile))
        {
            report.Rejected.Add(new LessonProblem(relative, 2, $"id '{lesson.Id}' is already used by {firstFile}"));
            return;
        }
        foreach (var question in lesson.Quiz)
        {
            if (seenQuestions.TryGetValue(question.Id, out var owner) && owner != relative)
            {
                report.Rejected.Add(new LessonProblem(relative, null, $"quiz id '{question.Id}' is already used by {owner}"));
                return;
            }
            var stored = await db.QuizQuestions.AsNoTracking()
                .Where(q => q.Id == question.Id)
                .Select(q => q.LessonId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (stored is not null && stored != lesson.Id)
            {
                report.Rejected.Add(new LessonProblem(relative, null, $"quiz id '{question.Id}' already belongs to lesson '{stored}'"));
                return;
            }
        }
        seenLessons[lesson.Id] = relative;
        foreach (var question in lesson.Quiz)
        {
            seenQuestions[question.Id] = relative;
        }

        var hash = Convert.ToHexString(SHA256.HashData(bytes));
        var now = clock.GetUtcNow();
        var record = await db.Lessons
            .Include(l => l.Sections)
            .Include(l => l.Questions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == lesson.Id, cancellationToken).ConfigureAwait(false);
        // A lesson stored before views existed (an upgraded database) is re-imported once to get its embeddings.
        if (record is not null && record.ContentHash == hash && !record.Retired && record.Library == library
            && await db.LessonViews.AnyAsync(v => v.LessonId == lesson.Id && v.Kind != LessonViews.Asked, cancellationToken).ConfigureAwait(false))
        {
            report.Unchanged.Add(relative);
            return;
        }

        var isNew = record is null;
        record ??= new LessonRecord
        {
            Id = lesson.Id, Title = "", Summary = "", BodyMarkdown = "", Library = library, SourceFile = relative, ContentHash = hash, ImportedAt = now,
        };
        record.Title = lesson.Title;
        record.Summary = lesson.Summary;
        record.Tags = Join(lesson.Tags);
        record.Skills = Join(lesson.Skills);
        record.Audience = Join(lesson.Audience);
        record.Minutes = lesson.Minutes;
        record.Updated = lesson.Updated;
        record.BodyMarkdown = lesson.Body;
        record.ExtraFrontMatter = lesson.ExtraFrontMatter;
        record.Library = library;
        record.SourceFile = relative;
        record.ContentHash = hash;
        record.Retired = false;
        record.UpdatedAt = now;

        db.LessonSections.RemoveRange(record.Sections);
        record.Sections.Clear();
        if (!isNew)
        {
            // Old sections must be gone before new ones take their (lesson, ordinal) keys.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        for (var i = 0; i < lesson.Sections.Count; i++)
        {
            var section = lesson.Sections[i];
            record.Sections.Add(new LessonSectionRecord
            {
                LessonId = lesson.Id, Ordinal = i, Heading = section.Heading, Markdown = section.Markdown, PlainText = section.PlainText,
            });
        }

        // Questions are updated in place by id so that quiz history attached to them survives an edit.
        var byId = record.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        for (var i = 0; i < lesson.Quiz.Count; i++)
        {
            var question = lesson.Quiz[i];
            if (!byId.TryGetValue(question.Id, out var stored))
            {
                stored = new QuizQuestionRecord { Id = question.Id, LessonId = lesson.Id, Question = "", Choices = "[]" };
                record.Questions.Add(stored);
            }
            stored.Ordinal = i;
            stored.Question = question.Question;
            stored.Choices = JsonSerializer.Serialize(question.Choices);
            stored.Answer = question.Answer;
            stored.Explanation = question.Explanation;
            stored.Retired = false;
        }
        foreach (var stale in record.Questions.Where(q => lesson.Quiz.All(n => n.Id != q.Id)))
        {
            stale.Retired = true;
        }

        if (isNew)
        {
            db.Lessons.Add(record);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await index.IndexAsync(lesson, cancellationToken).ConfigureAwait(false);
        await EmbedViewsAsync(lesson, cancellationToken).ConfigureAwait(false);
        (isNew ? report.Added : report.Updated).Add($"{relative} ({lesson.Id})");
    }

    /// <summary>Stores the lesson's views with their embeddings, computed once here rather than at every start.</summary>
    private async Task EmbedViewsAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        // Views learned from use (questions people marked helpful) survive an edit of the lesson.
        await db.LessonViews.Where(v => v.LessonId == lesson.Id && v.Kind != LessonViews.Asked).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var views = LessonViews.For(lesson, options.Value.QuizQuestionsAsViews);
        var vectors = embedder.Embed(views.Select(v => v.Text).ToList(), cancellationToken);
        for (var i = 0; i < views.Count; i++)
        {
            db.LessonViews.Add(new LessonViewRecord
            {
                LessonId = lesson.Id,
                Kind = views[i].Kind,
                Ordinal = views[i].Ordinal,
                Text = views[i].Text,
                Embedding = MiniLmSentenceEmbedder.ToBytes(vectors[i]),
            });
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Join(IReadOnlyList<string> values) => string.Join('|', values);
}
