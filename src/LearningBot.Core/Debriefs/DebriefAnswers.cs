using System.Globalization;
using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// A participant's Save and Submit on their card. Save keeps the answers as typed; Submit checks them, and a complete
/// Submit is recorded once (a double click finds it submitted), proposes the participant's lessons to the manager, and
/// closes the debrief when it was the last one outstanding.
/// </summary>
public sealed class DebriefAnswers(LearningBotDbContext db, DebriefSummaries summaries, DebriefClosing closing, TimeProvider clock, ILogger<DebriefAnswers> logger)
{
    private const int MaxAnswer = 1000;

    /// <summary>Save (partial, <paramref name="submit"/> false) or Submit from the participant's card.</summary>
    public async Task<Reply> AnswerAsync(Turn turn, CardActionInvocation action, bool submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Data.GetValueOrDefault(DebriefCards.ParticipantKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var participantId))
        {
            return Reply.WithText("This card is missing its debrief. It may be from an older version of LearningBot.");
        }
        var participant = await db.Set<DebriefParticipantRecord>().SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        var debrief = participant is null ? null
            : await db.Set<DebriefRecord>().AsNoTracking().SingleAsync(d => d.Id == participant.DebriefId, cancellationToken).ConfigureAwait(false);
        if (participant is null || debrief is null)
        {
            return Reply.WithText("I can't find that debrief any more.");
        }
        if (participant.PersonId != turn.PersonId)
        {
            return Reply.WithText("This debrief card belongs to someone else, so I haven't recorded anything.");
        }
        if (!DebriefSteps.Answering.IsCurrent(participant))
        {
            return new Reply { UpdatedCard = DebriefCards.Submitted(debrief) };
        }
        if (!DebriefSteps.Open.IsCurrent(debrief))
        {
            return new Reply { UpdatedCard = DebriefCards.Closed(debrief) };
        }
        var template = summaries.Template(debrief);
        var answers = DebriefSummaries.ParseAnswers(participant.Answers);
        foreach (var question in template.Questions)
        {
            if (action.Data.TryGetValue(question.Id, out var value))
            {
                answers[question.Id] = value.Trim().Length > MaxAnswer ? value.Trim()[..MaxAnswer] : value.Trim();
            }
        }
        var json = JsonSerializer.Serialize(answers);
        var now = clock.GetUtcNow();
        var errors = submit ? Validate(template, answers) : [];
        if (!submit || errors.Count > 0)
        {
            participant.Answers = json;
            participant.SavedAt = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Log.AnswersSaved(logger, debrief.Id, participantId);
            var zone = await DebriefRecord.ManagerTimeZoneAsync(db, debrief, cancellationToken).ConfigureAwait(false);
            return new Reply
            {
                UpdatedCard = submit
                    ? DebriefCards.Questions(debrief, participant, template, answers, errors, managerTimeZone: zone)
                    : DebriefCards.Questions(debrief, participant, template, answers,
                        note: $"Saved {now:HH:mm} UTC. Come back to this card any time before the deadline and press **Submit** when you're done.", managerTimeZone: zone),
            };
        }

        // One click wins: a double-clicked Submit finds the participant submitted and records nothing more.
        if (await DebriefSteps.Answering.TryMoveOnAsync(db.Set<DebriefParticipantRecord>().Where(p => p.Id == participantId),
                set => set.SetProperty(p => p.SubmittedAt, now).SetProperty(p => p.SavedAt, now).SetProperty(p => p.Answers, json), cancellationToken).ConfigureAwait(false))
        {
            var ordinal = await db.Set<DebriefParticipantRecord>().CountAsync(p => p.DebriefId == debrief.Id && p.Id <= participantId, cancellationToken).ConfigureAwait(false);
            var proposed = 0;
            foreach (var question in template.Questions.Where(q => q.Kind == DebriefQuestionKind.Lesson))
            {
                if (answers.GetValueOrDefault(question.Id) is { Length: > 0 } lesson)
                {
                    db.Set<DebriefLessonRecord>().Add(new DebriefLessonRecord
                    {
                        DebriefId = debrief.Id, Ordinal = ordinal, AuthorPersonId = participant.PersonId, Text = lesson, Status = DebriefLessonStatus.Proposed,
                    });
                    proposed++;
                }
            }
            db.Entry(participant).State = EntityState.Detached;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Log.Submitted(logger, debrief.Id, participantId, proposed);
            if (!await db.Set<DebriefParticipantRecord>().AnyAsync(p => p.DebriefId == debrief.Id && p.SubmittedAt == null, cancellationToken).ConfigureAwait(false))
            {
                await closing.CloseAsync(debrief.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        return new Reply { UpdatedCard = DebriefCards.Submitted(debrief) };
    }

    /// <summary>Per-field problems that stop a Submit; empty when the answers are complete.</summary>
    public static Dictionary<string, string> Validate(DebriefTemplate template, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in template.Questions)
        {
            var value = answers.GetValueOrDefault(question.Id)?.Trim() ?? "";
            if (question.Kind == DebriefQuestionKind.Rating)
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5)
                {
                    errors[question.Id] = value.Length == 0 ? "Give a rating from 1 to 5." : $"\"{value}\" isn't a rating: write a whole number from 1 to 5.";
                }
            }
            else if (value.Length == 0)
            {
                errors[question.Id] = question.Kind == DebriefQuestionKind.Lesson
                    ? "Write one lesson others should know — a sentence is enough."
                    : "Write a few words here (\"nothing comes to mind\" is a fine answer).";
            }
        }
        return errors;
    }
}
