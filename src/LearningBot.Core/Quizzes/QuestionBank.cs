using System.Text.Json;
using LearningBot.Data;
using LearningBot.Data.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Quizzes;

/// <summary>A quiz question as the quiz feature uses it.</summary>
public sealed record QuizItem(string Id, string LessonId, string LessonTitle, int Ordinal, string Question, IReadOnlyList<string> Choices, int Answer, string Explanation);

/// <summary>
/// The questions learners are quizzed on. The default track is every served lesson whose audience includes "all";
/// per-team and per-person tracks from configuration are not built yet.
/// </summary>
public sealed class QuestionBank(LearningBotDbContext db)
{
    public const string EveryoneAudience = "all";

    /// <summary>The default track's questions in a stable order (lesson, then question ordinal).</summary>
    public async Task<IReadOnlyList<QuizItem>> DefaultTrackAsync(CancellationToken cancellationToken)
    {
        var rows = await (from q in db.Set<QuizQuestionRecord>().AsNoTracking()
                          join l in db.Set<LessonRecord>().AsNoTracking() on q.LessonId equals l.Id
                          where !q.Retired && !l.Retired
                          orderby l.Id, q.Ordinal
                          select new { Question = q, l.Title, l.Audience })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(r => InTrack(r.Audience)).Select(r => ToItem(r.Question, r.Title))];
    }

    public async Task<IReadOnlyList<QuizItem>> FindAsync(IReadOnlyCollection<string> questionIds, CancellationToken cancellationToken)
    {
        var rows = await (from q in db.Set<QuizQuestionRecord>().AsNoTracking()
                          join l in db.Set<LessonRecord>().AsNoTracking() on q.LessonId equals l.Id
                          where questionIds.Contains(q.Id)
                          select new { Question = q, l.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Question.Id, r => ToItem(r.Question, r.Title), StringComparer.Ordinal);
        return [.. questionIds.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public async Task<(string? Title, IReadOnlyList<QuizItem> Questions)> LessonAsync(string lessonId, CancellationToken cancellationToken)
    {
        var lesson = await db.Set<LessonRecord>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == lessonId && !l.Retired, cancellationToken).ConfigureAwait(false);
        if (lesson is null)
        {
            return (null, []);
        }
        var questions = await db.Set<QuizQuestionRecord>().AsNoTracking()
            .Where(q => q.LessonId == lessonId && !q.Retired).OrderBy(q => q.Ordinal)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (lesson.Title, [.. questions.Select(q => ToItem(q, lesson.Title))]);
    }

    private static bool InTrack(string audience) =>
        audience.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(EveryoneAudience, StringComparer.OrdinalIgnoreCase);

    private static QuizItem ToItem(QuizQuestionRecord q, string lessonTitle)
    {
        IReadOnlyList<string> choices;
        try
        {
            choices = JsonSerializer.Deserialize<string[]>(q.Choices) ?? [];
        }
        catch (JsonException)
        {
            choices = [];
        }
        return new QuizItem(q.Id, q.LessonId, lessonTitle, q.Ordinal, q.Question, choices, q.Answer, q.Explanation);
    }
}
