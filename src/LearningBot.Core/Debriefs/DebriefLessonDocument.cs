using System.Text.RegularExpressions;
using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// A published debrief lesson as a lesson of the knowledge library: titled after its project, tagged "debrief" and the
/// project, its text followed by where it came from, and the manager's quiz question if there is one. It is written by
/// <see cref="LessonWriter"/> and imported like any lesson file.
/// </summary>
internal static partial class DebriefLessonDocument
{
    private const int MaxTitleLine = 120;
    private const int MaxSummary = 270;
    private const int MaxSlug = 60;

    /// <summary>The lesson's id in the library: the project's slug and the lesson's place in the debrief.</summary>
    public static string Id(string project, int ordinal) => $"debrief-{Slug(project)}-{ordinal}";

    public static Lesson Lesson(string id, DebriefRecord debrief, string text, string? author, DateTimeOffset now, DebriefLessonQuiz? quiz = null)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        var title = $"Lesson from {debrief.Project}: {(firstLine.Length > MaxTitleLine ? firstLine[..MaxTitleLine] + "…" : firstLine)}";
        var summary = text.Replace('\n', ' ').Trim();
        summary = summary.Length > MaxSummary ? summary[..MaxSummary] + "…" : summary;
        var body = $"# {title}\n\n{text.Trim()}\n\n_From the **{debrief.Project}** debrief{(author is { Length: > 0 } ? $", proposed by {author}" : "")}._";
        return new Lesson
        {
            Id = id,
            Title = title,
            Summary = summary,
            Tags = ["debrief", Slug(debrief.Project)],
            Updated = DateOnly.FromDateTime(now.DateTime),
            Body = body,
            Sections = LessonParser.SplitSections(body),
            Quiz = quiz is null ? [] : [quiz.ToQuizQuestion(id)],
        };
    }

    /// <summary>The project's name in lowercase letters, digits and '-', at most 60 characters ("project" if nothing is left).</summary>
    public static string Slug(string project)
    {
        var slug = NonSlug().Replace(project.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > MaxSlug ? slug[..MaxSlug].Trim('-') : slug;
        return slug.Length == 0 ? "project" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
