using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Kernel;

namespace LearningBot.Core.Debriefs;

/// <summary>The cards of a debrief: the participant's questions, the manager's summary, the confirmations.</summary>
public static class DebriefCards
{
    public const string ParticipantKey = "participantId";
    public const string LessonKey = "lessonId";
    public const string LessonTextInput = "lessonText";
    public const string FormKey = "formId";
    public const string QuizQuestionInput = "quizQuestion";
    public const string QuizAnswerInput = "quizAnswer";
    public const string QuizOthersInput = "quizOthers";

    /// <summary>The form "debrief" shows on its own: project, people (the channel's picker), deadline and template.</summary>
    public static Card StartForm(IEnumerable<string> templates, bool conversationMembersOnly, DebriefForm form, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(form);
        var body = new List<CardElement>
        {
            new TextElement("Everyone you pick gets the questions in a 1:1 chat with me; you get a summary when they've answered or the deadline passes."),
        };
        void Add(InputElement input)
        {
            body.Add(input);
            if (errors?.GetValueOrDefault(input.Id) is { } error)
            {
                body.Add(new TextElement($"⚠ {error}"));
            }
        }
        Add(new TextInputElement(DebriefForm.ProjectInput, "Project") { Required = true, MaxLength = 200, Value = form.Project, Placeholder = "e.g. Apollo launch" });
        Add(new PeopleInputElement(DebriefForm.PeopleInput, "Who took part") { Required = true, ConversationMembersOnly = conversationMembersOnly });
        Add(new DateInputElement(DebriefForm.DueInput, "Answers due by") { Required = true, Value = form.Due });
        Add(new ChoiceInputElement(DebriefForm.TemplateInput, "Questions", [.. templates.Select(t => new Choice(TemplateTitle(t), t))])
        {
            Required = true,
            Value = form.Template.Length > 0 ? form.Template : DebriefOptions.StandardTemplate,
        });
        return new Card
        {
            Title = "Start a debrief",
            Subtitle = "A look back at a project, so its lessons help the next one",
            Body = body,
            Actions = [CardAction.Submit("Start debrief", DebriefVerbs.Start, new Dictionary<string, string> { [FormKey] = form.Id }, primary: true)],
        };
    }

    private static string TemplateTitle(string template) => template switch
    {
        DebriefOptions.StandardTemplate => "Standard project debrief",
        "incident" => "Blameless incident review",
        "deal" => "Deal won or lost",
        _ => template,
    };

    /// <summary>The participant's card: one input per question, filled with what they saved; errors under their field.</summary>
    public static Card Questions(DebriefRecord debrief, DebriefParticipantRecord participant, DebriefTemplate template,
        IReadOnlyDictionary<string, string> answers, IReadOnlyDictionary<string, string>? errors = null, string? note = null, bool reminder = false,
        string? managerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        var body = new List<CardElement>
        {
            new TextElement(reminder
                ? $"A reminder: your answers for **{debrief.Project}** are due {Due(debrief, managerTimeZone)}. Pick up where you left off."
                : $"Take ten minutes to look back on **{debrief.Project}**. Answers are due {Due(debrief, managerTimeZone)}; press **Save** to come back later."),
            new TextElement(debrief.Open
                ? "Everyone who took part will see the answers when the debrief closes."
                : "Only you and the manager who started the debrief see your answers.") { Subtle = true },
        };
        if (errors is { Count: > 0 })
        {
            body.Add(new TextElement("Some answers need a look before you submit — see the notes below the fields."));
        }
        foreach (var question in template.Questions)
        {
            body.Add(new TextInputElement(question.Id, question.Text)
            {
                Value = answers.GetValueOrDefault(question.Id),
                Multiline = question.Kind != DebriefQuestionKind.Rating,
                Required = true,
                MaxLength = question.Kind == DebriefQuestionKind.Rating ? 1 : 1000,
                Placeholder = question.Kind == DebriefQuestionKind.Rating ? "1, 2, 3, 4 or 5" : null,
            });
            if (errors?.GetValueOrDefault(question.Id) is { } error)
            {
                body.Add(new TextElement($"⚠ {error}"));
            }
        }
        if (note is not null)
        {
            body.Add(new TextElement(note) { Subtle = true });
        }
        var data = new Dictionary<string, string> { [ParticipantKey] = participant.Id.ToString(CultureInfo.InvariantCulture) };
        return new Card
        {
            Title = $"Debrief: {debrief.Project}",
            Subtitle = "What went well, what didn't, what we learned",
            Body = body,
            Actions = [CardAction.Submit("Save", DebriefVerbs.Save, data), CardAction.Submit("Submit", DebriefVerbs.Submit, data, primary: true)],
        };
    }

    public static Card Submitted(DebriefRecord debrief) => new()
    {
        Title = $"Debrief: {debrief?.Project}",
        Body = [new TextElement("Thank you — your answers are in. The manager gets a summary when everyone has answered or the deadline passes.")],
    };

    public static Card Closed(DebriefRecord debrief) => new()
    {
        Title = $"Debrief: {debrief?.Project}",
        Body = [new TextElement("This debrief has closed, so answers can no longer be changed.")],
    };

    public static Card Started(DebriefRecord debrief, IReadOnlyList<string> names, IReadOnlyList<string> unreachable, int unknownPeople = 0, string? managerTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        ArgumentNullException.ThrowIfNull(unreachable);
        var body = new List<CardElement>
        {
            new FactsElement(
            [
                new Fact("Project", debrief.Project),
                new Fact("Participants", string.Join(", ", names)),
                new Fact("Due", Due(debrief, managerTimeZone)),
                new Fact("Template", debrief.Template + (debrief.Open ? " (answers shared with everyone)" : " (answers private to you and each author)")),
            ]),
            new TextElement("Each participant gets the questions in a 1:1 chat with me. Reminders go to those who haven't answered at half-time and the day before; you get the summary when everyone has answered or the deadline passes."),
        };
        if (unreachable.Count > 0)
        {
            body.Add(new TextElement($"I haven't chatted with {string.Join(", ", unreachable)} yet, so I'll open a 1:1 chat with them. That works when LearningBot is installed for them or in one of their teams; if they don't get the questions, ask them to add LearningBot and say hello."));
        }
        if (unknownPeople > 0)
        {
            body.Add(new TextElement(unknownPeople == 1
                ? "One person you picked isn't in this team or chat, so I couldn't add them; mention them in the typed command (**debrief** _project_ _@name_) from a chat they're in."
                : $"{unknownPeople} people you picked aren't in this team or chat, so I couldn't add them; mention them in the typed command (**debrief** _project_ _@name_) from a chat they're in."));
        }
        return new Card { Title = $"Debrief started: {debrief.Project}", Body = body };
    }

    /// <summary>The summary: participation, answers grouped by question, themes, and lessons to publish (manager only).</summary>
    public static Card Summary(DebriefSummary summary, bool forManager)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var debrief = summary.Debrief;
        var body = new List<CardElement>
        {
            new FactsElement(
            [
                new Fact("Answered", $"{summary.Answered.Count} of {summary.Answered.Count + summary.Missing.Count}"),
                new Fact("Not answered", summary.Missing.Count == 0 ? "—" : string.Join(", ", summary.Missing)),
                new Fact("Average rating", summary.AverageRating is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + " / 5" : "—"),
            ]),
        };
        if (summary.AiSummary is { Length: > 0 } ai)
        {
            body.Add(new HeadingElement("In short"));
            body.Add(new TextElement(ai));
        }
        if (summary.Themes.Count > 0)
        {
            body.Add(new HeadingElement("Recurring themes"));
            body.Add(new TextElement(string.Join("\n", summary.Themes.Select(t => $"- **{t.Term}** — mentioned by {t.People} people"))));
        }
        foreach (var (question, answers) in summary.AnswersByQuestion)
        {
            if (question.Kind is DebriefQuestionKind.Rating or DebriefQuestionKind.Lesson || answers.Count == 0)
            {
                continue;
            }
            body.Add(new HeadingElement(question.Text));
            body.Add(new TextElement(string.Join("\n", answers.Select(a => $"- {a.Text} — _{a.Name}_"))));
        }
        var actions = new List<CardAction>();
        if (summary.Lessons.Count > 0)
        {
            body.Add(new HeadingElement("Proposed lessons"));
            foreach (var lesson in summary.Lessons)
            {
                var state = lesson.Record.Status switch
                {
                    DebriefLessonStatus.Published => " ✅ published",
                    DebriefLessonStatus.Skipped => " — skipped",
                    _ => "",
                };
                body.Add(new TextElement($"{lesson.Record.Ordinal}. {lesson.Record.Text} — _{lesson.Author}_{state}"));
                if (forManager && lesson.Record.Status == DebriefLessonStatus.Proposed)
                {
                    var data = new Dictionary<string, string> { [LessonKey] = lesson.Record.Id.ToString(CultureInfo.InvariantCulture) };
                    actions.Add(CardAction.Submit($"Publish {lesson.Record.Ordinal}", DebriefVerbs.Publish, data, primary: true));
                    actions.Add(CardAction.Submit($"Edit {lesson.Record.Ordinal}", DebriefVerbs.Edit, data));
                    actions.Add(CardAction.Submit($"Skip {lesson.Record.Ordinal}", DebriefVerbs.Skip, data));
                }
            }
            if (forManager)
            {
                body.Add(new TextElement("Published lessons become part of the knowledge base: people's questions find them, attributed to the project.") { Subtle = true });
            }
        }
        return new Card { Title = $"Debrief summary: {debrief.Project}", Body = body, Actions = actions };
    }

    /// <summary>The manager edits a proposed lesson's wording before publishing it.</summary>
    public static Card EditLesson(DebriefRecord debrief, DebriefLessonRecord lesson, string author, string? text = null, string? error = null,
        IReadOnlyDictionary<string, string>? quiz = null)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        ArgumentNullException.ThrowIfNull(lesson);
        var body = new List<CardElement>
        {
            new TextElement($"Proposed by _{author}_. Tidy the wording so it stands on its own for someone who wasn't on the project."),
            new TextInputElement(LessonTextInput, "Lesson") { Value = text ?? lesson.Text, Multiline = true, Required = true, MaxLength = 2000 },
            new TextElement("Optional: add a quiz question, and the lesson joins everyone's daily micro-quizzes.") { Subtle = true },
            new TextInputElement(QuizQuestionInput, "Quiz question") { Value = quiz?.GetValueOrDefault(QuizQuestionInput), MaxLength = DebriefLessonQuiz.MaxQuestion },
            new TextInputElement(QuizAnswerInput, "The right answer") { Value = quiz?.GetValueOrDefault(QuizAnswerInput), MaxLength = DebriefLessonQuiz.MaxChoice },
            new TextInputElement(QuizOthersInput, "Wrong answers, one per line") { Value = quiz?.GetValueOrDefault(QuizOthersInput), Multiline = true, MaxLength = 600 },
        };
        if (error is not null)
        {
            body.Add(new TextElement($"⚠ {error}"));
        }
        var data = new Dictionary<string, string> { [LessonKey] = lesson.Id.ToString(CultureInfo.InvariantCulture) };
        return new Card
        {
            Title = $"Edit lesson {lesson.Ordinal} from {debrief.Project}",
            Body = body,
            Actions = [CardAction.Submit("Publish", DebriefVerbs.Publish, data, primary: true), CardAction.Submit("Skip", DebriefVerbs.Skip, data)],
        };
    }

    /// <summary>
    /// The due day as the manager typed or picked it: the deadline is the end of that day (the next midnight) in the
    /// manager's time zone, so the day shown is the one the deadline's last moment falls on there.
    /// </summary>
    public static string Due(DebriefRecord debrief, string? managerTimeZone)
    {
        ArgumentNullException.ThrowIfNull(debrief);
        return LocalCalendar.LocalDate(debrief.Deadline.AddTicks(-1), LocalCalendar.Zone(managerTimeZone)).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
    }
}
