using System.Globalization;
using System.Text;
using System.Text.Json;
using LearningBot.Core.Cards;
using LearningBot.Core.Knowledge.Library;

namespace LearningBot.Core.CourseBuilder;

/// <summary>The course builder's cards: the offer for a shared document, drafting under way, each draft's review card and its edit form.</summary>
public static class CourseBuilderCards
{
    public const string DocumentKey = "documentId";
    public const string DraftKey = "draftId";
    public const string TitleInput = "title";
    public const string SummaryInput = "summary";
    private const int SectionPreview = 400;

    /// <summary>The input ids of question <paramref name="index"/> (0-based) on the edit form.</summary>
    public static (string Question, string Answer, string Others, string Explanation) QuestionInputs(int index)
    {
        var n = (index + 1).ToString(CultureInfo.InvariantCulture);
        return ($"q{n}", $"q{n}Answer", $"q{n}Others", $"q{n}Explanation");
    }

    public static Card Offer(CourseDocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var data = new Dictionary<string, string> { [DocumentKey] = document.Id.ToString() };
        return new Card
        {
            Title = "Build lessons from this document?",
            Subtitle = document.FileName,
            Body =
            [
                new TextElement("I can split it into 3–7-minute microlessons with quiz questions. You review each draft before anyone sees it."),
                new TextElement("You can also type **build lessons**.") { Subtle = true },
            ],
            Actions = [CardAction.Submit("Build lessons", CourseBuilderVerbs.Build, data, primary: true), CardAction.Submit("No thanks", CourseBuilderVerbs.Decline, data)],
        };
    }

    public static Card Drafting(CourseDocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Card
        {
            Title = $"Drafting lessons from {document.FileName}…",
            Body = [new TextElement("I'll send each draft here for your review when it's ready; long documents take a few minutes.")],
            Actions = [CardAction.Submit("Cancel", CourseBuilderVerbs.Cancel, new Dictionary<string, string> { [DocumentKey] = document.Id.ToString() })],
        };
    }

    /// <summary>A note on a document card that is no longer waiting for a button (drafted, cancelled, declined…).</summary>
    public static Card DocumentState(CourseDocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = document.Status switch
        {
            CourseDocumentStatus.Queued or CourseDocumentStatus.Drafting => "Drafting lessons…",
            CourseDocumentStatus.Drafted => "Drafted: the review cards are in this chat.",
            CourseDocumentStatus.Cancelled => "Cancelled: no drafts were kept.",
            CourseDocumentStatus.Declined => "Not building lessons from it.",
            _ => document.Outcome ?? "Drafting stopped.",
        };
        return new Card { Title = document.FileName, Body = [new TextElement(state)] };
    }

    /// <summary>The review card of a draft still in review: what the lesson says, where each part came from, and Approve / Edit / Discard.</summary>
    public static Card Review(CourseDraftRecord draft, Lesson lesson, string document, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(lesson);
        if (draft.Status != CourseDraftStatus.Draft)
        {
            return Decided(draft);
        }
        var passages = Passages(lesson);
        var body = new List<CardElement>();
        if (error is not null)
        {
            body.Add(new TextElement($"⚠ {error}"));
        }
        body.Add(new TextElement(lesson.Summary));
        foreach (var section in lesson.Sections)
        {
            if (section.PlainText.Length == 0)
            {
                continue;
            }
            body.Add(new HeadingElement(section.Heading.Length > 0 ? section.Heading : "Introduction"));
            var text = section.PlainText.Length > SectionPreview ? section.PlainText[..SectionPreview].TrimEnd() + "…" : section.PlainText;
            body.Add(new TextElement(Plain(text)));
            if (passages.GetValueOrDefault(section.Heading) is { Length: > 0 } from)
            {
                body.Add(new TextElement($"From {document}, {from}") { Subtle = true });
            }
        }
        if (lesson.Quiz.Count > 0)
        {
            body.Add(new HeadingElement("Quiz questions"));
            for (var i = 0; i < lesson.Quiz.Count; i++)
            {
                var question = lesson.Quiz[i];
                var text = new StringBuilder().Append("**").Append(i + 1).Append(".** ").Append(Plain(question.Question));
                for (var c = 0; c < question.Choices.Count; c++)
                {
                    text.Append("\n- ").Append(Plain(question.Choices[c])).Append(c == question.Answer ? " ✓" : "");
                }
                body.Add(new TextElement(text.ToString()));
                if (question.Explanation.Length > 0)
                {
                    body.Add(new TextElement(Plain(question.Explanation)) { Subtle = true });
                }
            }
        }
        if (!draft.ByModel)
        {
            body.Add(new TextElement("Drafted from the document's own headings and paragraphs, without questions: with a language model configured (LearningBot:AI), "
                + "each draft would get a summary, sections rewritten for chat and 2–3 quiz questions. Edit adds questions by hand.") { Subtle = true });
        }
        var data = new Dictionary<string, string> { [DraftKey] = draft.Id.ToString(CultureInfo.InvariantCulture) };
        return new Card
        {
            Title = lesson.Title,
            Subtitle = $"Draft from {document} · {(lesson.Minutes ?? 1).ToString(CultureInfo.InvariantCulture)} min · {lesson.Quiz.Count.ToString(CultureInfo.InvariantCulture)} questions",
            Body = body,
            Actions =
            [
                CardAction.Submit("Approve", CourseBuilderVerbs.Approve, data, primary: true),
                CardAction.Submit("Edit", CourseBuilderVerbs.Edit, data),
                CardAction.Submit("Discard", CourseBuilderVerbs.Discard, data),
            ],
        };
    }

    /// <summary>A draft once decided: no buttons any more.</summary>
    public static Card Decided(CourseDraftRecord draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Status == CourseDraftStatus.Approved
            ? new Card
            {
                Title = $"Approved: {draft.Title}",
                Body = [new TextElement($"In the library as **{draft.LessonId}**: people asking find it, and its questions join the daily quizzes.")],
            }
            : new Card { Title = $"Discarded: {draft.Title}", Body = [new TextElement("Not added to the library.")] };
    }

    /// <summary>The edit form: title, summary and each question (its right answer, the others one per line, why).</summary>
    public static Card Edit(CourseDraftRecord draft, Lesson lesson, IReadOnlyDictionary<string, string>? values = null, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(lesson);
        string Value(string id, string current) => values?.GetValueOrDefault(id) ?? current;
        var body = new List<CardElement>();
        if (error is not null)
        {
            body.Add(new TextElement($"⚠ {error}"));
        }
        body.Add(new TextInputElement(TitleInput, "Title") { Required = true, MaxLength = LessonFormat.MaxTitleLength, Value = Value(TitleInput, lesson.Title) });
        body.Add(new TextInputElement(SummaryInput, "Summary") { Required = true, Multiline = true, MaxLength = LessonFormat.MaxSummaryLength, Value = Value(SummaryInput, lesson.Summary) });
        var count = Math.Max(lesson.Quiz.Count + 1, 1);
        count = Math.Min(count, CourseReview.MaxQuestions);
        for (var i = 0; i < count; i++)
        {
            var question = i < lesson.Quiz.Count ? lesson.Quiz[i] : null;
            var ids = QuestionInputs(i);
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(new HeadingElement(question is null ? $"Question {n} (optional, new)" : $"Question {n}"));
            body.Add(new TextInputElement(ids.Question, "Question") { MaxLength = 300, Multiline = true, Value = Value(ids.Question, question?.Question ?? "") });
            body.Add(new TextInputElement(ids.Answer, "Right answer") { MaxLength = 150, Value = Value(ids.Answer, question?.Choices.ElementAtOrDefault(question.Answer) ?? "") });
            body.Add(new TextInputElement(ids.Others, "Wrong answers, one per line")
            {
                MaxLength = 800, Multiline = true, Value = Value(ids.Others, question is null ? "" : string.Join("\n", question.Choices.Where((_, c) => c != question.Answer))),
            });
            body.Add(new TextInputElement(ids.Explanation, "Why the right answer is right") { MaxLength = 500, Multiline = true, Value = Value(ids.Explanation, question?.Explanation ?? "") });
        }
        body.Add(new TextElement("Clear a question's fields to remove it.") { Subtle = true });
        var data = new Dictionary<string, string> { [DraftKey] = draft.Id.ToString(CultureInfo.InvariantCulture) };
        return new Card
        {
            Title = $"Edit draft: {lesson.Title}",
            Body = body,
            Actions = [CardAction.Submit("Save", CourseBuilderVerbs.Save, data, primary: true), CardAction.Submit("Back", CourseBuilderVerbs.Review, data)],
        };
    }

    /// <summary>Each section's source passage, by section heading, from the draft's "source" front matter.</summary>
    internal static Dictionary<string, string> Passages(Lesson lesson)
    {
        var passages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lesson.ExtraFrontMatter is not { } extra)
        {
            return passages;
        }
        try
        {
            using var json = JsonDocument.Parse(extra);
            if (json.RootElement.TryGetProperty("source", out var source) && source.TryGetProperty("passages", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var passage in list.EnumerateArray())
                {
                    var section = passage.TryGetProperty("section", out var s) ? s.GetString() ?? "" : "";
                    var from = passage.TryGetProperty("from", out var f) ? f.GetString() ?? "" : "";
                    passages.TryAdd(section, from);
                }
            }
        }
        catch (JsonException)
        {
            // A hand-edited source we cannot read just shows no pointers.
        }
        return passages;
    }

    /// <summary>Lesson text shown in a card: bold markers the card subset would misread are left out.</summary>
    private static string Plain(string text) => text.Replace("**", "", StringComparison.Ordinal);
}
