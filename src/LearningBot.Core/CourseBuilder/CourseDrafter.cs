using System.Globalization;
using System.Text;
using LearningBot.Core.Knowledge.Library;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// Turns a document into microlesson drafts: reads it (<see cref="DocumentReader"/>), splits it by its structure
/// (<see cref="LessonSplitter"/>), then drafts each part — with the configured language model when there is one
/// (<see cref="ModelDrafter"/>), else from its headings and paragraphs. Every draft is written in the content format
/// and parsed back by <see cref="LessonParser"/>, the importer's own validator; a draft that fails is dropped with the reason.
/// </summary>
public sealed partial class CourseDrafter(IOptions<CourseBuilderOptions> options, CourseBuilderModel model, TimeProvider clock, ILogger<CourseDrafter> logger)
{
    /// <summary>What the reviewer is told when the drafts were made without a model.</summary>
    public const string NoModelNotice =
        "No language model is configured, so these drafts are the document's own headings and paragraphs, without questions. "
        + "With a model (LearningBot:AI) each draft would get a summary, sections rewritten for chat and 2–3 quiz questions.";

    public async Task<DraftingResult> DraftAsync(string fileName, byte[] content, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var settings = options.Value;
        var reading = DocumentReader.Read(fileName, content, settings);
        var name = Path.GetFileName(fileName);
        if (reading.Document is not { } document)
        {
            return new DraftingResult { Document = name, Refusal = reading.Refusal };
        }
        var chunks = LessonSplitter.Split(document, settings);
        var dropped = new List<DroppedDraft>();
        foreach (var extra in chunks.Skip(settings.MaxLessons))
        {
            dropped.Add(new DroppedDraft(extra.Title, extra.Source, $"not drafted: one document makes at most {settings.MaxLessons} lessons"));
        }
        chunks = [.. chunks.Take(settings.MaxLessons)];
        var drafts = new List<LessonDraft>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var prefix = HeuristicDrafter.Slug(Path.GetFileNameWithoutExtension(name), 30);
        var drafter = model.IsConfigured ? new ModelDrafter(model, settings, clock) : null;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.DocumentTimeoutSeconds), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        LogDrafting(logger, name, document.Words, chunks.Count, drafter is not null);
        for (var i = 0; i < chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = chunks[i];
            var id = UniqueId($"{prefix}-{HeuristicDrafter.Slug(chunk.Title, 60)}", ids);
            if (drafter is null)
            {
                var (lesson, sections) = HeuristicDrafter.Draft(id, document, chunk, settings);
                Keep(lesson, sections, chunk, byModel: false, drafts, dropped);
            }
            else if (deadline.IsCancellationRequested)
            {
                dropped.Add(new DroppedDraft(chunk.Title, chunk.Source, $"not drafted: drafting one document may take {settings.DocumentTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds"));
            }
            else if (drafter.TokensUsed + drafter.EstimateTokens(chunk) > settings.MaxTokensPerDocument)
            {
                dropped.Add(new DroppedDraft(chunk.Title, chunk.Source, $"not drafted: one document may use {settings.MaxTokensPerDocument.ToString(CultureInfo.InvariantCulture)} model tokens"));
            }
            else
            {
                var outcome = await drafter.DraftAsync(id, document, chunk, linked.Token, cancellationToken).ConfigureAwait(false);
                if (outcome.Lesson is { } lesson)
                {
                    Keep(lesson, outcome.Sections, chunk, byModel: true, drafts, dropped);
                }
                else
                {
                    dropped.Add(new DroppedDraft(chunk.Title, chunk.Source, outcome.Reason ?? "the model gave no lesson"));
                }
            }
            progress?.Report(new DraftProgress(i + 1, chunks.Count));
        }
        return new DraftingResult
        {
            Document = name, Drafts = drafts, Dropped = dropped, ModelUsed = drafter is not null, TokensUsed = drafter?.TokensUsed ?? 0,
        };
    }

    private static void Keep(Lesson lesson, IReadOnlyList<DraftSection> sections, LessonChunk chunk, bool byModel, List<LessonDraft> drafts, List<DroppedDraft> dropped)
    {
        var (markdown, problems) = Validate(lesson);
        if (problems.Count > 0)
        {
            dropped.Add(new DroppedDraft(chunk.Title, chunk.Source, "breaks the content format: " + string.Join("; ", problems.Select(p => p.Rule))));
            return;
        }
        drafts.Add(new LessonDraft(lesson, markdown, sections, byModel, chunk.Source));
    }

    /// <summary>The lesson's file text, and what <see cref="LessonParser"/> finds wrong with it (nothing when it imports).</summary>
    internal static (string Markdown, IReadOnlyList<LessonProblem> Problems) Validate(Lesson lesson)
    {
        var markdown = LessonWriter.Write(lesson);
        var (parsed, problems) = LessonParser.Parse(lesson.Id + ".md", markdown);
        return (markdown, parsed is null && problems.Count == 0 ? [new LessonProblem(lesson.Id + ".md", null, "the lesson does not parse")] : problems);
    }

    /// <summary>A lesson with its body composed from the sections, as both drafters give it.</summary>
    internal static Lesson Compose(
        string id, string title, string summary, IReadOnlyList<DraftSection> sections, IReadOnlyList<QuizQuestion> quiz,
        LessonChunk chunk, SourceDocument document, CourseBuilderOptions options, bool byModel)
    {
        var body = new StringBuilder().Append("# ").Append(title.Replace('\n', ' ')).Append("\n\n");
        foreach (var section in sections)
        {
            if (section.Heading.Length > 0)
            {
                body.Append("## ").Append(section.Heading.Replace('\n', ' ')).Append("\n\n");
            }
            body.Append(section.Markdown.Trim()).Append("\n\n");
        }
        var text = body.ToString().TrimEnd() + "\n";
        return new Lesson
        {
            Id = id,
            Title = title,
            Summary = summary,
            Minutes = HeuristicDrafter.Minutes(byModel ? DocumentText.CountWords(text) : chunk.Words, options),
            Body = text,
            Sections = LessonParser.SplitSections(text),
            Quiz = quiz,
            ExtraFrontMatter = HeuristicDrafter.SourceFrontMatter(document, sections, byModel),
        };
    }

    private static string UniqueId(string candidate, HashSet<string> ids)
    {
        var id = candidate.Length > LessonFormat.MaxIdLength - 4 ? candidate[..(LessonFormat.MaxIdLength - 4)].TrimEnd('-') : candidate;
        var unique = id;
        for (var n = 2; !ids.Add(unique); n++)
        {
            unique = $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        return unique;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drafting lessons from {Document}: {Words} words in {Parts} parts, model {WithModel}")]
    private static partial void LogDrafting(ILogger logger, string document, int words, int parts, bool withModel);
}
