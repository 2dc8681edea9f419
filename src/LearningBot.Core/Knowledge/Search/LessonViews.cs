using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.Knowledge.Search;

/// <summary>
/// The texts a lesson is found by (RETRIEVAL-NOTES: one intro view and one view per '##' section were the base;
/// the lesson's own quiz questions are extra views of what it answers).
/// </summary>
public static class LessonViews
{
    public const string Intro = "intro";
    public const string Section = "section";
    public const string Question = "question";
    /// <summary>A question people asked that this lesson answered (marked 👍): added at run time, kept across re-imports.</summary>
    public const string Asked = "asked";

    public static IReadOnlyList<(string Kind, int Ordinal, string Text)> For(Lesson lesson, bool includeQuizQuestions)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var views = new List<(string, int, string)>();
        var topics = string.Join(", ", lesson.Tags.Concat(lesson.Skills).Select(t => t.Replace('-', ' ')).Distinct());
        for (var i = 0; i < lesson.Sections.Count; i++)
        {
            var section = lesson.Sections[i];
            views.Add(i == 0
                ? (Intro, 0, $"{lesson.Title}. {lesson.Summary} {topics}. {section.PlainText}")
                : (Section, i, $"{lesson.Title}: {section.Heading}. {section.PlainText}"));
        }
        if (includeQuizQuestions)
        {
            for (var i = 0; i < lesson.Quiz.Count; i++)
            {
                views.Add((Question, i, lesson.Quiz[i].Question));
            }
        }
        return views;
    }
}
