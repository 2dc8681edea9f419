using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Debriefs;

/// <summary>
/// Starting a debrief, from the one-line command or the start form (one set of rules, <see cref="DebriefRequest"/>): the
/// debrief and its participants' cards (in the outbox) are stored in one transaction, keyed by the start event, so a
/// repeated start starts one. What follows is <see cref="DebriefAnswers"/>, <see cref="DebriefClosing"/> and
/// <see cref="DebriefLessonDecisions"/>.
/// </summary>
public sealed class DebriefService(
    LearningBotDbContext db,
    PersonDirectory directory,
    ReportingLines reportingLines,
    PrivateReplies privately,
    ConversationReferenceStore conversations,
    OutboxWriter outbox,
    IOptions<DebriefOptions> options,
    TimeProvider clock,
    ILogger<DebriefService> logger)
{
    public const string CardKind = "debrief-card";
    public const string SummaryKind = "debrief-summary";
    public const string SharedKind = "debrief-shared";
    /// <summary>The knowledge library that published debrief lessons belong to.</summary>
    public const string Library = "debriefs";

    /// <summary>"debrief …" typed: the whole request in one line, or on its own the start form.</summary>
    public async Task<Reply> StartAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await RefusalAsync(turn, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        var text = MentionText.Strip(arguments ?? "");
        if (text.Length == 0 && turn.Mentions.Count == 0)
        {
            var today = LocalCalendar.LocalDate(clock.GetUtcNow(), await TimeZoneOfAsync(turn, cancellationToken).ConfigureAwait(false));
            var form = new DebriefForm("", "", DebriefRequest.DefaultDue(today, options.Value), DebriefOptions.StandardTemplate) { Id = Guid.NewGuid().ToString("N") };
            return Reply.WithCard(DebriefCards.StartForm(options.Value.EffectiveTemplates.Keys, MembersOnly(turn), form));
        }
        var request = DebriefRequest.FromCommand(text);
        if (request.Project.Length == 0 || turn.Mentions.Count == 0)
        {
            return Reply.WithText("Tell me the project and mention who took part, e.g. **debrief Apollo launch @Ada @Grace by 2026-12-18** (add **template incident** or **template deal** for the other question sets), or type **debrief** on its own for a form.");
        }
        var people = new List<Guid>();
        foreach (var mention in turn.Mentions)
        {
            people.Add(await directory.ResolveMentionAsync(turn.Channel, mention, cancellationToken).ConfigureAwait(false));
        }
        var (errors, reply) = await CreateAsync(turn, request, people, cancellationToken).ConfigureAwait(false);
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
        var (people, unknown) = await directory.ResolvePickedAsync(turn, form.People, DebriefRequest.MaxParticipants + 1, cancellationToken).ConfigureAwait(false);
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
            Log.StartRepeated(logger, turn.EventId);
            return ([], Reply.None);
        }
        var zone = await TimeZoneOfAsync(turn, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var (request, errors) = DebriefRequest.Check(form, participants, unknownPeople, options.Value, zone, now);
        if (request is null)
        {
            return (errors, null);
        }

        var debrief = new DebriefRecord
        {
            Id = Guid.NewGuid(), StartEventId = turn.EventId, Project = request.Project, Template = request.TemplateName, Open = request.Template.Open,
            ManagerPersonId = turn.PersonId, Channel = turn.Channel, CreatedAt = now, Deadline = request.Deadline,
        };
        var unreachable = new List<string>();
        var people = request.People;
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
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // The same start arrived twice at once; the other one won.
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            Log.StartRepeated(logger, turn.EventId);
            return ([], Reply.None);
        }
        foreach (var participant in debrief.Participants)
        {
            outbox.Add($"debrief:{debrief.Id:N}:card:{participant.PersonId:N}", CardKind, turn.Channel, participant.PersonId,
                participant.Id.ToString(CultureInfo.InvariantCulture), expiresAt: request.Deadline);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.Started(logger, debrief.Id, turn.PersonId, debrief.Participants.Count, request.TemplateName, request.Deadline);
        return (errors, Reply.WithCard(DebriefCards.Started(debrief, [.. debrief.Participants.Select(p => p.Name)], unreachable, unknownPeople, zone.Id)));
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
        Log.StartRefused(logger, turn.PersonId);
        var manager = await reportingLines.ManagerNameAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        var text = manager is null
            ? "Debriefs are started by managers (people with direct reports, or the manager role, in the people directory). Ask your manager to start one for your project — they can add you as a participant."
            : $"Debriefs are started by managers. Ask **{manager}**, your manager, to start one for your project — they can add you as a participant.";
        return await privately.ToSenderAsync(turn, text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>In a channel or group chat the picker offers its members (whom the bot can look up); in a 1:1, the whole organisation.</summary>
    private static bool MembersOnly(Turn turn) => turn.Conversation.Type != ConversationType.Personal;

    /// <summary>The manager's time zone: the one stored for them, else the one their channel reports, else UTC.</summary>
    private async Task<TimeZoneInfo> TimeZoneOfAsync(Turn turn, CancellationToken cancellationToken)
    {
        var stored = await db.Set<PersonRecord>().AsNoTracking().Where(p => p.Id == turn.PersonId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return LocalCalendar.Zone(stored, turn.TimeZone);
    }
}
