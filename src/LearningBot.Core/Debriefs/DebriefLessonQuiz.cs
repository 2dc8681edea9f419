using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// The optional quiz question a manager adds when publishing a debrief lesson: it is written into the lesson's front
/// matter (CONTENT-FORMAT "quiz"), so the published lesson joins the daily micro-quizzes like any lesson with questions.
/// </summary>
public sealed record DebriefLessonQuiz(string Question, string Answer, IReadOnlyList<string> Others)
{
    public const int MaxQuestion = 300;
    public const int MaxChoice = 150;
    public const int MaxOthers = 5;

    /// <summary>The quiz from the edit card's inputs: none when all three are empty, else the quiz or what is wrong with it.</summary>
    public static (DebriefLessonQuiz? Quiz, string? Error) From(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string Field(string id) => data.GetValueOrDefault(id)?.Trim() ?? "";
        var question = Field(DebriefCards.QuizQuestionInput);
        var answer = Field(DebriefCards.QuizAnswerInput);
        var others = Field(DebriefCards.QuizOthersInput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (question.Length == 0 && answer.Length == 0 && others.Count == 0)
        {
            return (null, null);
        }
        var error =
            question.Length == 0 ? "The quiz needs a question — or clear the quiz fields to publish without one." :
            question.Length > MaxQuestion ? $"Keep the quiz question under {MaxQuestion} characters." :
            answer.Length == 0 ? "Give the quiz question's right answer." :
            others.Count == 0 ? "Give at least one wrong answer, one per line." :
            others.Count > MaxOthers ? $"Give at most {MaxOthers} wrong answers." :
            others.Any(o => string.Equals(o, answer, StringComparison.OrdinalIgnoreCase)) ? "A wrong answer is the same as the right one." :
            others.Append(answer).Any(c => c.Length > MaxChoice) ? $"Keep each answer under {MaxChoice} characters." :
            null;
        return error is null ? (new DebriefLessonQuiz(question, answer, others), null) : (null, error);
    }

    /// <summary>The front matter lines (after "updated:"). The right answer's place depends on the lesson id, not always first.</summary>
    public string Yaml(string lessonId)
    {
        ArgumentNullException.ThrowIfNull(lessonId);
        var choices = Others.ToList();
        var at = (int)((uint)StableHash(lessonId) % (uint)(choices.Count + 1));
        choices.Insert(at, Answer);
        var json = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var yaml = new StringBuilder();
        yaml.Append("\nquiz:\n  - id: ").Append(lessonId).Append("-q1\n    question: ").Append(JsonSerializer.Serialize(Question, json))
            .Append("\n    choices: [").Append(string.Join(", ", choices.Select(c => JsonSerializer.Serialize(c, json)))).Append(']')
            .Append("\n    answer: ").Append(at.ToString(CultureInfo.InvariantCulture));
        return yaml.ToString();
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash;
    }
}
