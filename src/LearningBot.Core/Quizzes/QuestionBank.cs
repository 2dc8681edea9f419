using System.Text.Json;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Quizzes;

/// <summary>A quiz question as the quiz feature uses it.</summary>
public sealed record QuizItem(string Id, string LessonId, string LessonTitle, int Ordinal, string Question, IReadOnlyList<string> Choices, int Answer, string Explanation);

/// <summary>
/// The questions learners are quizzed on. The default track is every served lesson whose audience includes "all";
/// configured tracks (<see cref="QuizOptions.Tracks"/>) add lessons by id or tag for the people named, and role
/// tracks add the lessons whose audience names a learner's role in the people directory.
/// </summary>
public sealed class QuestionBank(LearningBotDbContext db, IOptions<QuizOptions> options)
{
    public const string EveryoneAudience = "all";

    /// <summary>Tracks made from lesson audiences: "role:manager" holds the lessons whose audience names manager.</summary>
    public const string RoleTrackPrefix = "role:";

    /// <summary>
    /// The questions of each track, by track name, in lesson order: the configured tracks, and a role track
    /// ("role:&lt;role&gt;") for every role a lesson's audience names besides "all".
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<QuizItem>>> ConfiguredTracksAsync(CancellationToken cancellationToken)
    {
        var tracks = options.Value.Tracks;
        var rows = await (from q in db.Set<QuizQuestionRecord>().AsNoTracking()
                          join l in db.Set<LessonRecord>().AsNoTracking() on q.LessonId equals l.Id
                          where !q.Retired && !l.Retired
                          orderby l.Id, q.Ordinal
                          select new { Question = q, l.Title, l.Tags, l.Audience })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, IReadOnlyList<QuizItem>>(StringComparer.Ordinal);
        foreach (var track in tracks)
        {
            var lessons = track.Lessons.ToHashSet(StringComparer.Ordinal);
            var tags = track.Tags.ToHashSet(StringComparer.OrdinalIgnoreCase);
            result[track.Name] = [.. rows
                .Where(r => lessons.Contains(r.Question.LessonId) || Split(r.Tags).Any(tags.Contains))
                .Select(r => ToItem(r.Question, r.Title))];
        }
        foreach (var role in rows.SelectMany(r => Split(r.Audience)).Select(a => a.ToLowerInvariant()).Where(a => a != EveryoneAudience).Distinct())
        {
            result[RoleTrackPrefix + role] = [.. rows.Where(r => Split(r.Audience).Contains(role, StringComparer.OrdinalIgnoreCase)).Select(r => ToItem(r.Question, r.Title))];
        }
        return result;
    }

    /// <summary>
    /// Which tracks each of <paramref name="people"/> takes: configured tracks matched by their channel accounts, and
    /// the role tracks of their role in the people directory ("manager" too for anyone with direct reports).
    /// </summary>
    public async Task<ILookup<Guid, string>> AssignmentsAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
    {
        var assignments = new List<(Guid Person, string Track)>();
        var roles = await db.People.AsNoTracking().Where(p => people.Contains(p.Id) && p.Role != null)
            .Select(p => new { p.Id, p.Role }).ToListAsync(cancellationToken).ConfigureAwait(false);
        assignments.AddRange(roles.Select(r => (r.Id, RoleTrackPrefix + r.Role!.Trim().ToLowerInvariant())));
        var managers = await db.People.AsNoTracking().Where(p => p.ManagerPersonId != null && people.Contains(p.ManagerPersonId.Value))
            .Select(p => p.ManagerPersonId!.Value).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        assignments.AddRange(managers.Select(m => (m, RoleTrackPrefix + ReportingLines.ManagerRole)));

        var tracks = options.Value.Tracks.Where(t => t.People.Count > 0).ToList();
        var named = tracks.SelectMany(t => t.People).Where(p => p != "*").Distinct(StringComparer.Ordinal).ToList();
        var accounts = named.Count == 0 ? [] : await db.Set<ChannelAccountRecord>().AsNoTracking()
            .Where(a => people.Contains(a.PersonId) && (named.Contains(a.ExternalId) || (a.AadObjectId != null && named.Contains(a.AadObjectId))))
            .Select(a => new { a.PersonId, a.ExternalId, a.AadObjectId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var track in tracks)
        {
            var who = track.People.ToHashSet(StringComparer.Ordinal);
            if (who.Contains("*"))
            {
                assignments.AddRange(people.Select(p => (p, track.Name)));
                continue;
            }
            assignments.AddRange(accounts.Where(a => who.Contains(a.ExternalId) || (a.AadObjectId is not null && who.Contains(a.AadObjectId)))
                .Select(a => (a.PersonId, track.Name)));
        }
        return assignments.Distinct().ToLookup(a => a.Person, a => a.Track);
    }

    /// <summary>A learner's track: their configured tracks' questions first, then the default track's, without repeats.</summary>
    public static IReadOnlyList<QuizItem> TrackFor(IEnumerable<string> assigned, IReadOnlyDictionary<string, IReadOnlyList<QuizItem>> configured, IReadOnlyList<QuizItem> defaultTrack)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        ArgumentNullException.ThrowIfNull(configured);
        var names = assigned.ToList();
        if (names.Count == 0)
        {
            return defaultTrack;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. names.SelectMany(n => configured.TryGetValue(n, out var items) ? items : []).Concat(defaultTrack).Where(q => seen.Add(q.Id))];
    }

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

    private static bool InTrack(string audience) => Split(audience).Contains(EveryoneAudience, StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags and audiences are stored "|"-separated.</summary>
    private static string[] Split(string list) => list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
