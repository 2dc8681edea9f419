using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// A debrief from start to published lessons. Every state change is guarded so that a repeated click or event
/// changes nothing twice: submitting, closing and deciding a lesson are conditional updates that one caller wins.
/// </summary>
public sealed partial class DebriefService(
    LearningBotDbContext db,
    PersonDirectory directory,
    ReportingLines reportingLines,
    PrivateReplies privately,
    ConversationReferenceStore conversations,
    OutboxWriter outbox,
    DebriefSummaries summaries,
    LessonImporter importer,
    IOptions<DebriefOptions> options,
    TimeProvider clock)
{
    public const string CardKind = "debrief-card";
    public const string SummaryKind = "debrief-summary";
    public const string SharedKind = "debrief-shared";
    /// <summary>The knowledge library that published debrief lessons belong to.</summary>
    public const string Library = "debriefs";
    public const int MaxParticipants = 50;

    /// <summary>"debrief …" typed: the whole request in one line, or on its own the start form.</summary>
    public async Task<Reply> StartAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await RefusalAsync(turn, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        var text = MentionText.Strip(arguments ?? "");
        var templates = options.Value.EffectiveTemplates;
        if (text.Length == 0 && turn.Mentions.Count == 0)
        {
            var today = LocalDay(clock.GetUtcNow(), await TimeZoneOfAsync(turn.PersonId, turn.TimeZone, cancellationToken).ConfigureAwait(false));
            return Reply.WithCard(DebriefCards.StartForm(templates.Keys, MembersOnly(turn), new DebriefForm("", "", DefaultDue(today), DebriefOptions.StandardTemplate) { Id = Guid.NewGuid().ToString("N") }));
        }
        var templateName = DebriefOptions.StandardTemplate;
        if (TemplateSuffix().Match(text) is { Success: true } t)
        {
            templateName = t.Groups["name"].Value.ToLowerInvariant();
            text = text[..t.Index].Trim();
        }
        string? due = null;
        if (DateSuffix().Match(text) is { Success: true } d)
        {
            due = d.Groups["date"].Value;
            text = text[..d.Index].Trim();
        }
        var project = text.Trim().Trim('"');
        if (project.Length == 0 || turn.Mentions.Count == 0)
        {
            return Reply.WithText("Tell me the project and mention who took part, e.g. **debrief Apollo launch @Ada @Grace by 2026-12-18** (add **template incident** or **template deal** for the other question sets), or type **debrief** on its own for a form.");
        }
        var people = new List<Guid>();
        foreach (var mention in turn.Mentions)
        {
            people.Add(await directory.ResolveMentionAsync(turn.Channel, mention, cancellationToken).ConfigureAwait(false));
        }
        var (errors, reply) = await CreateAsync(turn, new DebriefForm(project, "", due, templateName), people, cancellationToken).ConfigureAwait(false);
        return reply ?? Reply.WithText(string.Join(" ", errors.Values));
    }

    /// <summary>The start form's button: the same rules as the command, with each problem shown under its field.</summary>
    public async Task<Reply> StartFromFormAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (await RefusalAsync(turn, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        string Field(string id) => action.Data.GetValueOrDefault(id)?.Trim() ?? "";
        var form = new DebriefForm(Field(DebriefForm.ProjectInput), Field(DebriefForm.PeopleInput), Field(DebriefForm.DueInput), Field(DebriefForm.TemplateInput))
        {
            Id = Field(DebriefCards.FormKey),
        };
        // One more than allowed, so that too many is reported rather than cut.
        var (people, unknown) = await directory.ResolvePickedAsync(turn, form.People, MaxParticipants + 1, cancellationToken).ConfigureAwait(false);
        // The form's own id keys the debrief, so a double-clicked Start (two invokes, two event ids) starts one.
        var formId = action.Data.GetValueOrDefault(DebriefCards.FormKey) is { Length: > 0 } f ? f : turn.EventId;
        var (errors, reply) = await CreateAsync(turn with { EventId = "form:" + formId }, form, people, cancellationToken, unknown).ConfigureAwait(false);
        if (reply is not null)
        {
            return reply.Messages.Count == 0 ? Reply.None : new Reply { UpdatedCard = reply.Messages[0].Card };
        }
        return new Reply { UpdatedCard = DebriefCards.StartForm(options.Value.EffectiveTemplates.Keys, MembersOnly(turn), form, errors), FieldErrors = errors };
    }

    /// <summary>
    /// Checks a request and starts the debrief: the debrief and its participants' cards (in the outbox) are stored in one
    /// transaction. Returns the problems by form field (nothing is stored then), or the manager's confirmation.
    /// </summary>
    private async Task<(Dictionary<string, string> Errors, Reply? Reply)> CreateAsync(Turn turn, DebriefForm form, IEnumerable<Guid> participants, CancellationToken cancellationToken, int unknownPeople = 0)
    {
        if (await db.Set<DebriefRecord>().AnyAsync(d => d.StartEventId == turn.EventId, cancellationToken).ConfigureAwait(false))
        {
            return ([], Reply.None);
        }
        var settings = options.Value;
        var templates = settings.EffectiveTemplates;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var project = form.Project;
        if (project.Length == 0)
        {
            errors[DebriefForm.ProjectInput] = "Name the project.";
        }
        else if (project.Length > 200)
        {
            errors[DebriefForm.ProjectInput] = "That project name is too long; keep it under 200 characters.";
        }
        var people = participants.Distinct().ToList();
        if (people.Count == 0)
        {
            errors[DebriefForm.PeopleInput] = unknownPeople > 0
                ? "I couldn't look up the people you picked. Pick people from this team or chat, or ask them to say hello to me first."
                : "Pick who took part.";
        }
        else if (people.Count > MaxParticipants)
        {
            errors[DebriefForm.PeopleInput] = $"A debrief can have up to {MaxParticipants} people; split a bigger group by team.";
        }
        var templateName = form.Template.Length == 0 ? DebriefOptions.StandardTemplate : form.Template.ToLowerInvariant();
        if (!templates.TryGetValue(templateName, out var template))
        {
            errors[DebriefForm.TemplateInput] = $"I don't know the template \"{form.Template}\". Choose one of: {string.Join(", ", templates.Keys)}.";
        }
        var zone = await TimeZoneOfAsync(turn.PersonId, turn.TimeZone, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var localToday = LocalDay(now, zone);
        var dueDay = localToday.AddDays(settings.DefaultDays);
        if (form.Due is { Length: > 0 } dueText && !DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dueDay))
        {
            errors[DebriefForm.DueInput] = $"\"{dueText}\" isn't a date I can read. Write the deadline as {DefaultDue(localToday)}.";
        }
        // Due at the end of the deadline day, in the manager's time zone.
        var localEnd = dueDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var deadline = new DateTimeOffset(localEnd, zone.GetUtcOffset(localEnd)).ToUniversalTime();
        if (!errors.ContainsKey(DebriefForm.DueInput) && deadline <= now.AddHours(1))
        {
            errors[DebriefForm.DueInput] = $"The deadline has to be in the future. Give a date from tomorrow on, e.g. {DefaultDue(localToday)}.";
        }
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        var debrief = new DebriefRecord
        {
            Id = Guid.NewGuid(), StartEventId = turn.EventId, Project = project, Template = templateName, Open = template!.Open,
            ManagerPersonId = turn.PersonId, Channel = turn.Channel, CreatedAt = now, Deadline = deadline,
        };
        var unreachable = new List<string>();
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        foreach (var personId in people)
        {
            var name = names.GetValueOrDefault(personId) is { Length: > 0 } n ? n : "someone";
            debrief.Participants.Add(new DebriefParticipantRecord { DebriefId = debrief.Id, PersonId = personId, Name = name });
            if (await conversations.FindPersonalAsync(turn.Channel, personId, cancellationToken).ConfigureAwait(false) is null)
            {
                unreachable.Add(name);
            }
        }
        db.Set<DebriefRecord>().Add(debrief);
        // Two saves (the cards name participant ids the first one assigns), one transaction: all or nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (await db.Set<DebriefRecord>().AsNoTracking().AnyAsync(d => d.StartEventId == turn.EventId, cancellationToken).ConfigureAwait(false))
            {
                // The same start arrived twice at once; the other one won.
                return ([], Reply.None);
            }
            throw;
        }
        foreach (var participant in debrief.Participants)
        {
            outbox.Add($"debrief:{debrief.Id:N}:card:{participant.PersonId:N}", CardKind, turn.Channel, participant.PersonId,
                participant.Id.ToString(CultureInfo.InvariantCulture), expiresAt: deadline);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (errors, Reply.WithCard(DebriefCards.Started(debrief, [.. debrief.Participants.Select(p => p.Name)], unreachable, unknownPeople)));
    }

    /// <summary>
    /// Once a people directory is imported, only managers start debriefs; anyone else is told, privately, who can.
    /// Before that (a new installation) anyone may.
    /// </summary>
    private async Task<Reply?> RefusalAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!await reportingLines.InUseAsync(cancellationToken).ConfigureAwait(false)
            || await reportingLines.IsManagerAsync(turn.PersonId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var manager = await reportingLines.ManagerNameAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        var text = manager is null
            ? "Debriefs are started by managers (people with direct reports, or the manager role, in the people directory). Ask your manager to start one for your project — they can add you as a participant."
            : $"Debriefs are started by managers. Ask **{manager}**, your manager, to start one for your project — they can add you as a participant.";
        return await privately.ToSenderAsync(turn, text, cancellationToken).ConfigureAwait(false);
    }

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private string DefaultDue(DateOnly today) => today.AddDays(options.Value.DefaultDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>In a channel or group chat the picker offers its members (whom the bot can look up); in a 1:1, the whole organisation.</summary>
    private static bool MembersOnly(Turn turn) => turn.Conversation.Type != ConversationType.Personal;

    /// <summary>Save (partial) or Submit from the participant's card.</summary>
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
        if (participant.SubmittedAt is not null)
        {
            return new Reply { UpdatedCard = DebriefCards.Submitted(debrief) };
        }
        if (debrief.ClosedAt is not null)
        {
            return new Reply { UpdatedCard = DebriefCards.Closed(debrief) };
        }
        var template = summaries.Template(debrief);
        var answers = DebriefSummaries.ParseAnswers(participant.Answers);
        foreach (var question in template.Questions)
        {
            if (action.Data.TryGetValue(question.Id, out var value))
            {
                answers[question.Id] = value.Trim().Length > 1000 ? value.Trim()[..1000] : value.Trim();
            }
        }
        var json = JsonSerializer.Serialize(answers);
        var now = clock.GetUtcNow();
        if (!submit)
        {
            participant.Answers = json;
            participant.SavedAt = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new Reply
            {
                UpdatedCard = DebriefCards.Questions(debrief, participant, template, answers,
                    note: $"Saved {now:HH:mm} UTC. Come back to this card any time before the deadline and press **Submit** when you're done."),
            };
        }

        var errors = Validate(template, answers);
        if (errors.Count > 0)
        {
            participant.Answers = json;
            participant.SavedAt = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new Reply { UpdatedCard = DebriefCards.Questions(debrief, participant, template, answers, errors) };
        }

        // One click wins: a double-clicked Submit finds SubmittedAt set and records nothing more.
        var won = await db.Set<DebriefParticipantRecord>()
            .Where(p => p.Id == participantId && p.SubmittedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SubmittedAt, now).SetProperty(p => p.SavedAt, now).SetProperty(p => p.Answers, json), cancellationToken)
            .ConfigureAwait(false);
        if (won == 1)
        {
            var ordinal = await db.Set<DebriefParticipantRecord>().CountAsync(p => p.DebriefId == debrief.Id && p.Id <= participantId, cancellationToken).ConfigureAwait(false);
            foreach (var question in template.Questions.Where(q => q.Kind == DebriefQuestionKind.Lesson))
            {
                if (answers.GetValueOrDefault(question.Id) is { Length: > 0 } lesson)
                {
                    db.Set<DebriefLessonRecord>().Add(new DebriefLessonRecord
                    {
                        DebriefId = debrief.Id, Ordinal = ordinal, AuthorPersonId = participant.PersonId, Text = lesson, Status = DebriefLessonStatus.Proposed,
                    });
                }
            }
            db.Entry(participant).State = EntityState.Detached;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (!await db.Set<DebriefParticipantRecord>().AnyAsync(p => p.DebriefId == debrief.Id && p.SubmittedAt == null, cancellationToken).ConfigureAwait(false))
            {
                await CloseAsync(debrief.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        return new Reply { UpdatedCard = DebriefCards.Submitted(debrief) };
    }

    /// <summary>Closes the debrief once (everyone answered, or the deadline passed) and queues the summary with it.</summary>
    public async Task<bool> CloseAsync(Guid debriefId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var closed = await db.Set<DebriefRecord>().Where(d => d.Id == debriefId && d.ClosedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClosedAt, now), cancellationToken).ConfigureAwait(false);
            if (closed != 1)
            {
                return false;
            }
            var debrief = await db.Set<DebriefRecord>().AsNoTracking().Include(d => d.Participants).SingleAsync(d => d.Id == debriefId, cancellationToken).ConfigureAwait(false);
            var channel = debrief.Channel;
            var payload = debrief.Id.ToString();
            outbox.Add($"debrief:{debrief.Id:N}:summary", SummaryKind, channel, debrief.ManagerPersonId, payload);
            if (debrief.Open)
            {
                foreach (var participant in debrief.Participants.Where(p => p.PersonId != debrief.ManagerPersonId))
                {
                    outbox.Add($"debrief:{debrief.Id:N}:shared:{participant.PersonId:N}", SharedKind, channel, participant.PersonId, payload);
                }
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>Edit: the manager rewords a proposed lesson on its own card, then publishes or skips it from there.</summary>
    public async Task<Reply> EditAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var (lesson, debrief, refusal) = await LessonForManagerAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (lesson!.Status != DebriefLessonStatus.Proposed)
        {
            var summary = await summaries.BuildAsync(debrief!.Id, withAi: false, cancellationToken).ConfigureAwait(false);
            return new Reply { UpdatedCard = summary is null ? null : DebriefCards.Summary(summary, forManager: true) };
        }
        return new Reply { UpdatedCard = DebriefCards.EditLesson(debrief!, lesson, await AuthorAsync(lesson, cancellationToken).ConfigureAwait(false)) };
    }

    private async Task<(DebriefLessonRecord? Lesson, DebriefRecord? Debrief, Reply? Refusal)> LessonForManagerAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        if (!long.TryParse(action.Data.GetValueOrDefault(DebriefCards.LessonKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var lessonId))
        {
            return (null, null, Reply.WithText("This button is missing its lesson. It may be from an older version of LearningBot."));
        }
        var lesson = await db.Set<DebriefLessonRecord>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == lessonId, cancellationToken).ConfigureAwait(false);
        var debrief = lesson is null ? null : await db.Set<DebriefRecord>().AsNoTracking().SingleAsync(d => d.Id == lesson.DebriefId, cancellationToken).ConfigureAwait(false);
        if (lesson is null || debrief is null)
        {
            return (null, null, Reply.WithText("I can't find that lesson any more."));
        }
        return debrief.ManagerPersonId != turn.PersonId
            ? (null, null, Reply.WithText("Only the manager who started this debrief can publish, edit or skip its lessons."))
            : (lesson, debrief, null);
    }

    private async Task<string> AuthorAsync(DebriefLessonRecord lesson, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.Id == lesson.AuthorPersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";

    /// <summary>Publish or Skip a proposed lesson; only the manager who started the debrief may.</summary>
    public async Task<Reply> DecideAsync(Turn turn, CardActionInvocation action, bool publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var (lesson, debrief, refusal) = await LessonForManagerAsync(turn, action, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var lessonId = lesson!.Id;
        var project = debrief!.Project;
        // From the edit card, the reworded lesson arrives with the button.
        var text = action.Data.TryGetValue(DebriefCards.LessonTextInput, out var edited) ? edited.Trim() : lesson.Text;
        var (quiz, quizError) = DebriefLessonQuiz.From(action.Data);
        var textError = text.Length == 0 ? "The lesson is empty: write a sentence or two, or press Skip." : text.Length > 2000 ? "Keep the lesson under 2,000 characters." : null;
        if (publish && lesson.Status == DebriefLessonStatus.Proposed && (textError ?? quizError) is { } error)
        {
            return new Reply
            {
                UpdatedCard = DebriefCards.EditLesson(debrief!, lesson, await AuthorAsync(lesson, cancellationToken).ConfigureAwait(false), text, error,
                    action.Data.Where(d => d.Key.StartsWith("quiz", StringComparison.Ordinal)).ToDictionary()),
            };
        }
        if (!publish)
        {
            text = text.Length == 0 ? lesson.Text : text[..Math.Min(text.Length, 2000)];
        }
        var now = clock.GetUtcNow();
        var status = publish ? DebriefLessonStatus.Published : DebriefLessonStatus.Skipped;
        var knowledgeId = publish ? $"debrief-{Slug(project)}-{lesson.Ordinal}" : null;
        var won = await db.Set<DebriefLessonRecord>().Where(l => l.Id == lessonId && l.Status == DebriefLessonStatus.Proposed)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Status, status).SetProperty(l => l.DecidedAt, now).SetProperty(l => l.LessonId, knowledgeId).SetProperty(l => l.Text, text), cancellationToken)
            .ConfigureAwait(false);
        var messages = new List<OutboundMessage>();
        if (won == 1 && publish)
        {
            var author = await db.People.AsNoTracking().Where(p => p.Id == lesson.AuthorPersonId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var report = await importer.ImportGeneratedAsync(Library, $"{knowledgeId}.md", LessonMarkdown(knowledgeId!, debrief!, text, author, now, quiz), cancellationToken).ConfigureAwait(false);
            if (report.Rejected.Count > 0)
            {
                // Give the lesson back to the manager's decision rather than leave it "published" but unfindable.
                await db.Set<DebriefLessonRecord>().Where(l => l.Id == lessonId)
                    .ExecuteUpdateAsync(set => set.SetProperty(l => l.Status, DebriefLessonStatus.Proposed).SetProperty(l => l.LessonId, (string?)null), cancellationToken).ConfigureAwait(false);
                return Reply.WithText($"I couldn't publish that lesson: {report.Rejected[0].Rule}. Please try again, or skip it.");
            }
            messages.Add(OutboundMessage.FromText($"Published: people asking about it will now find the lesson from **{project}**."));
        }
        var summary = await summaries.BuildAsync(debrief.Id, withAi: false, cancellationToken).ConfigureAwait(false);
        return new Reply { Messages = messages, UpdatedCard = summary is null ? null : DebriefCards.Summary(summary, forManager: true) };
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

    private async Task<TimeZoneInfo> TimeZoneOfAsync(Guid personId, string? reported, CancellationToken cancellationToken)
    {
        var stored = await db.Set<PersonRecord>().AsNoTracking().Where(p => p.Id == personId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in new[] { stored, reported })
        {
            if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }
        return TimeZoneInfo.Utc;
    }

    internal static string LessonMarkdown(string id, DebriefRecord debrief, string text, string? author, DateTimeOffset now, DebriefLessonQuiz? quiz = null)
    {
        var encoder = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var firstLine = text.Split('\n', 2)[0].Trim();
        var title = $"Lesson from {debrief.Project}: {(firstLine.Length > 120 ? firstLine[..120] + "…" : firstLine)}";
        var summary = text.Replace('\n', ' ').Trim();
        summary = summary.Length > 270 ? summary[..270] + "…" : summary;
        var slug = Slug(debrief.Project);
        return $"""
            ---
            id: {id}
            title: {JsonSerializer.Serialize(title, encoder)}
            summary: {JsonSerializer.Serialize(summary, encoder)}
            tags: [debrief{(slug.Length > 0 ? ", " + slug : "")}]
            updated: {now:yyyy-MM-dd}{quiz?.Yaml(id) ?? ""}
            ---
            # {title}

            {text.Trim()}

            _From the **{debrief.Project}** debrief{(author is { Length: > 0 } ? $", proposed by {author}" : "")}._
            """;
    }

    internal static string Slug(string project)
    {
        var slug = NonSlug().Replace(project.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 60 ? slug[..60].Trim('-') : slug;
        return slug.Length == 0 ? "project" : slug;
    }

    [GeneratedRegex(@"\s+template\s+(?<name>[\w-]+)\s*$|^template\s+(?<name>[\w-]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateSuffix();

    [GeneratedRegex(@"(?:^|\s+)by\s+(?<date>\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateSuffix();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
