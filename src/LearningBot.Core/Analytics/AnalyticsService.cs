using LearningBot.Core.Circles;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Kernel;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Analytics;

/// <summary>
/// The figures over a period, computed from the tables the features already keep, always through
/// <see cref="GroupRule"/>: a figure about a group is only ever computed for a group of at least
/// <see cref="AnalyticsOptions.MinGroupSize"/> people, and never about one person for anyone but that person.
/// </summary>
public sealed class AnalyticsService(LearningBotDbContext db, FsrsScheduler fsrs, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    private AnalyticsOptions Options => options.Value;

    /// <summary>The groups of the organisation that pass the group-size rule (small teams folded into "other").</summary>
    public async Task<IReadOnlyList<PeopleGroup>> GroupsAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Team }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return GroupRule.Fold(people.Select(p => (p.Id, p.Team)), Options.MinGroupSize);
    }

    /// <summary>
    /// The whole organisation (no team), or one team; null when no team has that name. A team folded into "other",
    /// or an organisation smaller than the minimum group size, comes back <see cref="AnalyticsScope.Hidden"/>.
    /// </summary>
    public async Task<AnalyticsScope?> ScopeAsync(string? team, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Team }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var groups = GroupRule.Fold(people.Select(p => (p.Id, p.Team)), Options.MinGroupSize);
        if (string.IsNullOrWhiteSpace(team))
        {
            return new AnalyticsScope("organisation", people.Select(p => p.Id).ToHashSet(), groups.Count == 0);
        }
        team = team.Trim();
        if (groups.FirstOrDefault(g => string.Equals(g.Name, team, StringComparison.OrdinalIgnoreCase)) is { } group)
        {
            return new AnalyticsScope(group.Name, group.People, false);
        }
        return people.Any(p => string.Equals(p.Team?.Trim(), team, StringComparison.OrdinalIgnoreCase))
            ? new AnalyticsScope(team, new HashSet<Guid>(), true)
            : null;
    }

    /// <summary>The overview of <paramref name="scope"/> over <paramref name="period"/>; no figures when the scope is hidden.</summary>
    public async Task<AnalyticsOverview> OverviewAsync(AnalyticsPeriod period, AnalyticsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Hidden)
        {
            return new AnalyticsOverview(period, scope.Name, Options.MinGroupSize, true, null, null, null, null, null, null);
        }
        var (start, end) = (period.Start, period.End);
        var people = scope.People;
        var active = new HashSet<Guid>();

        var asked = (await db.Set<AskedQuestionRecord>().AsNoTracking().Where(q => q.At >= start && q.At < end)
            .Select(q => new { q.PersonId, q.Answered }).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(q => people.Contains(q.PersonId)).ToList();
        active.UnionWith(asked.Select(q => q.PersonId));
        var votes = (await db.AnswerFeedback.AsNoTracking().Where(f => f.At >= start && f.At < end)
            .Select(f => new { f.PersonId, f.Helpful }).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(f => people.Contains(f.PersonId)).ToList();
        var questions = new QuestionFigures(asked.Count, asked.Count(q => q.Answered), asked.Count(q => !q.Answered), votes.Count(v => v.Helpful), votes.Count(v => !v.Helpful));

        var sent = (await db.Set<QuizDeliveryRecord>().AsNoTracking().Where(d => d.CreatedAt >= start && d.CreatedAt < end)
            .Select(d => new { d.PersonId, Answered = d.FirstAnsweredAt != null }).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(d => people.Contains(d.PersonId)).ToList();
        var reviews = (await db.Set<QuizReviewRecord>().AsNoTracking().Where(r => r.ReviewedAt >= start && r.ReviewedAt < end)
            .Select(r => new { r.PersonId, r.Rating }).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(r => people.Contains(r.PersonId)).ToList();
        active.UnionWith(reviews.Select(r => r.PersonId));
        var quizzes = new QuizFigures(sent.Count, sent.Count(d => d.Answered), reviews.Count, reviews.Count(r => r.Rating > (int)Rating.Again));

        var recognitions = await RecognitionsAsync(period, cancellationToken).ConfigureAwait(false);
        var given = recognitions.Where(e => people.Contains(e.Giver)).ToList();
        var received = recognitions.Where(e => people.Contains(e.Recipient)).ToList();
        active.UnionWith(given.Select(e => e.Giver));
        active.UnionWith(received.Select(e => e.Recipient));

        var checkIns = (await db.Set<CircleCheckInRecord>().AsNoTracking().Where(c => c.SubmittedAt >= start && c.SubmittedAt < end)
            .Select(c => c.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(people.Contains).ToList();
        active.UnionWith(checkIns);
        var debriefs = (await db.Set<DebriefParticipantRecord>().AsNoTracking().Where(p => p.SubmittedAt >= start && p.SubmittedAt < end)
            .Select(p => p.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(people.Contains).ToList();
        active.UnionWith(debriefs);
        var published = (await db.Set<DebriefLessonRecord>().AsNoTracking()
            .Where(l => l.Status == DebriefLessonStatus.Published && l.DecidedAt >= start && l.DecidedAt < end)
            .Select(l => l.AuthorPersonId).ToListAsync(cancellationToken).ConfigureAwait(false)).Count(people.Contains);

        return new AnalyticsOverview(period, scope.Name, Options.MinGroupSize, false, active.Count, questions, quizzes,
            new RecognitionFigures(given.Count, received.Count, received.Select(e => e.Recipient).Distinct().Count()),
            new CircleFigures(checkIns.Count), new DebriefFigures(debriefs.Count, published));
    }

    /// <summary>Unanswered questions in the period, near-duplicates (the same words once normalised) merged, most asked first.</summary>
    public async Task<IReadOnlyList<ContentGapRow>> ContentGapsAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (start, end) = (period.Start, period.End);
        var gaps = await db.ContentGaps.AsNoTracking().Where(g => g.At >= start && g.At < end).ToListAsync(cancellationToken).ConfigureAwait(false);
        var decided = await db.Set<ContentGapDecisionRecord>().AsNoTracking().Select(d => d.QuestionKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        var closed = decided.ToHashSet(StringComparer.Ordinal);
        return [.. gaps
            .GroupBy(g => GapKey(g.Question), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0 && !closed.Contains(g.Key))
            .Select(g =>
            {
                var last = g.MaxBy(x => x.At)!;
                return new ContentGapRow(last.Question.Trim(), g.Count(), last.At, last.ClosestLessonId, last.RedirectTopic);
            })
            .OrderByDescending(r => r.Asked).ThenByDescending(r => r.LastAsked).ThenBy(r => r.Question, StringComparer.Ordinal)];
    }

    /// <summary>The key under which the same question asked in slightly different writing is merged.</summary>
    public static string GapKey(string question)
    {
        var text = QueryNormalizer.Normalize(question ?? "");
        var words = new string([.. text.Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }

    /// <summary>Every lesson in the library with how often it answered a question over the period and its votes.</summary>
    public async Task<IReadOnlyList<LessonRow>> LessonsAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (start, end) = (period.Start, period.End);
        var lessons = await db.Lessons.AsNoTracking().Where(l => !l.Retired).Select(l => new { l.Id, l.Title, l.Tags })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var answered = (await db.Set<AskedQuestionRecord>().AsNoTracking().Where(q => q.At >= start && q.At < end && q.LessonId != null)
            .Select(q => q.LessonId!).ToListAsync(cancellationToken).ConfigureAwait(false)).CountBy(id => id).ToDictionary();
        var votes = await db.AnswerFeedback.AsNoTracking().Where(f => f.At >= start && f.At < end)
            .Select(f => new { f.LessonId, f.Helpful }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. lessons.Select(l => new LessonRow(l.Id, l.Title, l.Tags.Replace('|', ' '), answered.GetValueOrDefault(l.Id),
                votes.Count(v => v.LessonId == l.Id && v.Helpful), votes.Count(v => v.LessonId == l.Id && !v.Helpful)))
            .OrderByDescending(r => r.Answered).ThenBy(r => r.LessonId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Predicted recall now per topic (lesson tag), for the organisation ("all") and each group that passes the rule;
    /// a row is only given when at least the minimum group size of learners have reviewed that topic.
    /// </summary>
    public async Task<IReadOnlyList<RetentionRow>> RetentionAsync(CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(cancellationToken).ConfigureAwait(false);
        var recall = await RecallByPersonAndTopicAsync(null, cancellationToken).ConfigureAwait(false);
        var rows = new List<RetentionRow>();
        var scopes = groups.Count == 0 ? [] : new List<(string Name, IReadOnlySet<Guid>? People)> { ("all", null) };
        scopes.AddRange(groups.Select(g => (g.Name, (IReadOnlySet<Guid>?)g.People)));
        foreach (var (name, members) in scopes)
        {
            foreach (var topic in recall.Where(r => members is null || members.Contains(r.Person)).GroupBy(r => r.Topic, StringComparer.Ordinal))
            {
                var learners = topic.Select(r => r.Person).Distinct().Count();
                if (learners < Options.MinGroupSize)
                {
                    continue;
                }
                var mean = Math.Round(topic.Average(r => r.Recall), 4);
                rows.Add(new RetentionRow(topic.Key, name, learners, mean, mean < Options.AtRiskThreshold));
            }
        }
        return [.. rows.OrderBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Team == "all" ? "" : r.Team, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Recognition given and received by group over the period (groups that pass the rule only).</summary>
    public async Task<IReadOnlyList<RecognitionRow>> RecognitionAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(cancellationToken).ConfigureAwait(false);
        var entries = await RecognitionsAsync(period, cancellationToken).ConfigureAwait(false);
        return [.. groups.Select(g =>
        {
            var received = entries.Where(e => g.People.Contains(e.Recipient)).ToList();
            return new RecognitionRow(g.Name, g.People.Count, entries.Count(e => g.People.Contains(e.Giver)), received.Count,
                received.Select(e => e.Recipient).Distinct().Count());
        })];
    }

    /// <summary>One person's own learning, for that person only.</summary>
    public async Task<MyLearning> MyLearningAsync(Guid personId, CancellationToken cancellationToken)
    {
        var settings = await db.Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == personId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var cards = await db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.PersonId == personId && c.LastReview != null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var recall = await RecallByPersonAndTopicAsync(personId, cancellationToken).ConfigureAwait(false);
        var topics = recall.GroupBy(r => r.Topic, StringComparer.Ordinal)
            .Select(g => { var mean = Math.Round(g.Average(r => r.Recall), 2); return new TopicRecall(g.Key, mean, mean < Options.AtRiskThreshold); })
            .OrderBy(t => t.PredictedRecall).ThenBy(t => t.Topic, StringComparer.Ordinal).ToList();
        var entries = await db.Set<RecognitionEntryRecord>().AsNoTracking().Where(e => e.RecipientPersonId == personId)
            .Select(e => new { e.Id, e.Points, e.ReversesEntryId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reversed = entries.Where(e => e.ReversesEntryId is not null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        var lessons = await db.Set<DebriefLessonRecord>().AsNoTracking().Where(l => l.AuthorPersonId == personId)
            .Select(l => l.Status).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new MyLearning(
            settings?.Streak ?? 0,
            settings?.LongestStreak ?? 0,
            cards.Select(c => c.LessonId).Distinct(StringComparer.Ordinal).Count(),
            cards.Count(c => c.Due <= now),
            entries.Count(e => e.Points > 0 && e.ReversesEntryId is null && !reversed.Contains(e.Id)),
            lessons.Count,
            lessons.Count(s => s == DebriefLessonStatus.Published),
            topics);
    }

    private async Task<List<(Guid Person, string Topic, double Recall)>> RecallByPersonAndTopicAsync(Guid? person, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = db.Set<QuizCardRecord>().AsNoTracking().Where(c => c.LastReview != null);
        if (person is { } only)
        {
            query = query.Where(c => c.PersonId == only);
        }
        var cards = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        var tags = (await db.Lessons.AsNoTracking().Select(l => new { l.Id, l.Tags }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.Id, l => l.Tags.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var zones = (await db.People.AsNoTracking().Where(p => p.TimeZone != null).Select(p => new { p.Id, p.TimeZone }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Id, p => LocalCalendar.Zone(p.TimeZone));
        var result = new List<(Guid, string, double)>();
        foreach (var card in cards)
        {
            var recall = fsrs.Retrievability(new FsrsCard
            {
                State = (FsrsState)card.State, Stability = card.Stability, Difficulty = card.Difficulty, Due = card.Due,
                ScheduledDays = card.ScheduledDays, Reps = card.Reps, Lapses = card.Lapses, LastReview = card.LastReview,
            }, now, zones.GetValueOrDefault(card.PersonId));
            var topics = tags.TryGetValue(card.LessonId, out var t) && t.Length > 0 ? t : [card.LessonId];
            foreach (var topic in topics.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                result.Add((card.PersonId, topic.ToLowerInvariant(), recall));
            }
        }
        return result;
    }

    private async Task<List<(Guid Giver, Guid Recipient)>> RecognitionsAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start, period.End);
        var inPeriod = await db.Set<RecognitionEntryRecord>().AsNoTracking()
            .Where(e => e.Points > 0 && e.ReversesEntryId == null && e.CreatedAt >= start && e.CreatedAt < end)
            .Select(e => new { e.Id, e.GiverPersonId, e.RecipientPersonId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reversed = (await db.Set<RecognitionEntryRecord>().AsNoTracking().Where(e => e.ReversesEntryId != null)
            .Select(e => e.ReversesEntryId!.Value).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        return [.. inPeriod.Where(e => !reversed.Contains(e.Id)).Select(e => (e.GiverPersonId, e.RecipientPersonId))];
    }
}
