using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using static LearningBot.Core.Knowledge.Library.LessonFormat;

namespace LearningBot.Core.Knowledge.Library;

/// <summary>
/// Writes a lesson as a file in the <see cref="LessonFormat"/> that <see cref="LessonParser"/> reads back to the same
/// lesson: the lessons the bot publishes itself (from debriefs) go through the same import as any lesson file. Texts are
/// written as double-quoted YAML (JSON strings, which YAML reads as they are), words and ids plain; optional fields only
/// when set. The sections are not written: the parser splits them from the body.
/// </summary>
public static partial class LessonWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Lesson lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var text = new StringBuilder();
        text.Append(Fence).Append('\n');
        Field(text, Keys.Id, Word(lesson.Id));
        Field(text, Keys.Title, Quoted(lesson.Title));
        Field(text, Keys.Summary, Quoted(lesson.Summary));
        if (lesson.Tags.Count > 0)
        {
            Field(text, Keys.Tags, Words(lesson.Tags));
        }
        if (lesson.Skills.Count > 0)
        {
            Field(text, Keys.Skills, Words(lesson.Skills));
        }
        if (!lesson.Audience.SequenceEqual(DefaultAudience, StringComparer.Ordinal))
        {
            Field(text, Keys.Audience, Words(lesson.Audience));
        }
        if (lesson.Minutes is { } minutes)
        {
            Field(text, Keys.Minutes, minutes.ToString(CultureInfo.InvariantCulture));
        }
        if (lesson.Updated is { } updated)
        {
            Field(text, Keys.Updated, updated.ToString(DateFormat, CultureInfo.InvariantCulture));
        }
        if (lesson.Quiz.Count > 0)
        {
            text.Append(Keys.Quiz).Append(":\n");
            foreach (var question in lesson.Quiz)
            {
                text.Append("  - ").Append(Keys.Id).Append(": ").Append(Word(question.Id)).Append('\n');
                Field(text, "    " + Keys.Question, Quoted(question.Question));
                Field(text, "    " + Keys.Choices, "[" + string.Join(", ", question.Choices.Select(Quoted)) + "]");
                Field(text, "    " + Keys.Answer, question.Answer.ToString(CultureInfo.InvariantCulture));
                if (question.Explanation.Length > 0)
                {
                    Field(text, "    " + Keys.Explanation, Quoted(question.Explanation));
                }
            }
        }
        if (lesson.ExtraFrontMatter is { } extra)
        {
            // Kept as the parser gave it: JSON, which YAML reads as flow collections and quoted scalars.
            using var document = JsonDocument.Parse(extra);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                Field(text, Word(property.Name), property.Value.GetRawText());
            }
        }
        text.Append(Fence).Append('\n');
        return text.Append(lesson.Body).ToString();
    }

    private static void Field(StringBuilder text, string key, string value) => text.Append(key).Append(": ").Append(value).Append('\n');

    private static string Words(IEnumerable<string> words) => "[" + string.Join(", ", words.Select(Word)) + "]";

    /// <summary>A tag, id or key as it is when nothing in it means something to YAML, else quoted.</summary>
    private static string Word(string word) => PlainWord().IsMatch(word) ? word : Quoted(word);

    private static string Quoted(string value) => JsonSerializer.Serialize(value, Quoting);

    [GeneratedRegex("^[a-z0-9]+([-_.][a-z0-9]+)*$")]
    private static partial Regex PlainWord();
}
