using LearningBot.Core.Knowledge.Library;

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

    /// <summary>The lesson's quiz question. The right answer's place among the choices depends on the lesson id, not always first.</summary>
    public QuizQuestion ToQuizQuestion(string lessonId)
    {
        ArgumentNullException.ThrowIfNull(lessonId);
        var choices = Others.ToList();
        var at = (int)((uint)StableHash(lessonId) % (uint)(choices.Count + 1));
        choices.Insert(at, Answer);
        return new QuizQuestion($"{lessonId}-q1", Question, choices, at, "");
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
