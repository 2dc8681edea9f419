using System.Globalization;
using System.Text.Json;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Debriefs;

/// <summary>One participant's answer to a question, with their name, as the summary shows it.</summary>
public sealed record DebriefAnswer(string Name, string Text);

/// <summary>A term that came up in the answers, and how many people used it.</summary>
public sealed record DebriefTheme(string Term, int People);

/// <summary>A proposed lesson with the name of the participant who wrote it.</summary>
public sealed record DebriefLessonView(DebriefLessonRecord Record, string Author);

/// <summary>What the summary card shows, computed from the stored answers at send time.</summary>
public sealed record DebriefSummary(
    DebriefRecord Debrief,
    IReadOnlyList<string> Answered,
    IReadOnlyList<string> Missing,
    double? AverageRating,
    IReadOnlyList<(DebriefQuestion Question, IReadOnlyList<DebriefAnswer> Answers)> AnswersByQuestion,
    IReadOnlyList<DebriefTheme> Themes,
    IReadOnlyList<DebriefLessonView> Lessons)
{
    public string? AiSummary { get; init; }
}

/// <summary>
/// Builds a <see cref="DebriefSummary"/>: themes are words that several people used (keyword grouping); with a
/// language model registered, a short written summary is added, and any failure of the model leaves it out.
/// </summary>
public sealed class DebriefSummaries(LearningBotDbContext db, IOptions<DebriefOptions> options, LanguageModel model)
{
    private readonly IChatClient? chat = model.Client;

    public async Task<DebriefSummary?> BuildAsync(Guid debriefId, bool withAi, CancellationToken cancellationToken)
    {
        var debrief = await db.Set<DebriefRecord>().AsNoTracking().Include(d => d.Participants)
            .SingleOrDefaultAsync(d => d.Id == debriefId, cancellationToken).ConfigureAwait(false);
        if (debrief is null)
        {
            return null;
        }
        var template = Template(debrief);
        var participants = debrief.Participants.OrderBy(p => p.Id).ToList();
        var submitted = participants.Where(p => p.SubmittedAt is not null).ToList();
        var answers = submitted.ToDictionary(p => p.Id, p => ParseAnswers(p.Answers));

        var byQuestion = template.Questions
            .Select(q => (q, (IReadOnlyList<DebriefAnswer>)[.. submitted
                .Select(p => new DebriefAnswer(p.Name, answers[p.Id].GetValueOrDefault(q.Id) ?? ""))
                .Where(a => a.Text.Length > 0)]))
            .ToList();
        var ratings = template.Questions.Where(q => q.Kind == DebriefQuestionKind.Rating)
            .SelectMany(q => submitted.Select(p => answers[p.Id].GetValueOrDefault(q.Id)))
            .Select(r => int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 5).ToList();

        // A theme is a word at least two people used in their written answers.
        var textQuestions = template.Questions.Where(q => q.Kind != DebriefQuestionKind.Rating).Select(q => q.Id).ToList();
        // Ranked by how many people used it, then how often it came up across their answers.
        var themes = submitted
            .SelectMany(p => textQuestions.SelectMany(q => QueryTerms.From(answers[p.Id].GetValueOrDefault(q) ?? "")).Select(t => (p.PersonId, Term: t)))
            .GroupBy(x => x.Term, StringComparer.Ordinal)
            .Select(g => (Theme: new DebriefTheme(g.Key, g.Select(x => x.PersonId).Distinct().Count()), Mentions: g.Count()))
            .Where(t => t.Theme.People >= 2 && t.Theme.Term.Length > 2)
            .OrderByDescending(t => t.Theme.People).ThenByDescending(t => t.Mentions).ThenBy(t => t.Theme.Term, StringComparer.Ordinal)
            .Select(t => t.Theme)
            .Take(6).ToList();

        var names = participants.ToDictionary(p => p.PersonId, p => p.Name);
        var lessons = await db.Set<DebriefLessonRecord>().AsNoTracking().Where(l => l.DebriefId == debriefId).OrderBy(l => l.Ordinal)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var summary = new DebriefSummary(
            debrief,
            [.. submitted.Select(p => p.Name)],
            [.. participants.Where(p => p.SubmittedAt is null).Select(p => p.Name)],
            ratings.Count > 0 ? ratings.Average() : null,
            byQuestion,
            themes,
            [.. lessons.Select(l => new DebriefLessonView(l, names.GetValueOrDefault(l.AuthorPersonId) ?? "someone"))]);
        if (withAi && chat is not null && submitted.Count > 0)
        {
            summary = summary with { AiSummary = await SummariseAsync(debrief, byQuestion, cancellationToken).ConfigureAwait(false) };
        }
        return summary;
    }

    public DebriefTemplate Template(DebriefRecord debrief)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        var templates = options.Value.EffectiveTemplates;
        return templates.GetValueOrDefault(debrief.Template) ?? DebriefOptions.Defaults[DebriefOptions.StandardTemplate];
    }

    public static Dictionary<string, string> ParseAnswers(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private async Task<string?> SummariseAsync(DebriefRecord debrief, IReadOnlyList<(DebriefQuestion Question, IReadOnlyList<DebriefAnswer> Answers)> byQuestion, CancellationToken cancellationToken)
    {
        var text = string.Join("\n\n", byQuestion.Where(x => x.Question.Kind != DebriefQuestionKind.Rating)
            .Select(x => $"{x.Question.Text}\n" + string.Join("\n", x.Answers.Select(a => "- " + a.Text))));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var response = await chat!.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "You summarise a team's post-project debrief for their manager in at most four sentences: recurring themes, what to keep, what to change. Use only the answers given. No names."),
                new ChatMessage(ChatRole.User, $"Project: {debrief.Project}\n\n{text}"),
            ], cancellationToken: timeout.Token).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Text) ? null : response.Text.Trim();
        }
#pragma warning disable CA1031 // The model is optional: any failure leaves the keyword themes, which are always there.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
