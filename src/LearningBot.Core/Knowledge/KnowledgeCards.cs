using System.Text.Json;
using LearningBot.Core.Cards;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Knowledge;

namespace LearningBot.Core.Knowledge;

/// <summary>The cards of just-in-time answers: the answer, the whole lesson, the refresher, and the honest "not yet".</summary>
public static class KnowledgeCards
{
    private const int MaxSectionChars = 1800;

    /// <summary>
    /// The best passages, well presented: the lesson's summary and its most relevant section, cited. With
    /// <paramref name="helpful"/>, the same card after the person's vote, saying what they chose and how to change it.
    /// </summary>
    public static Card Answer(string question, LessonHit best, IReadOnlyList<LessonHit> others, bool? helpful = null)
    {
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(others);
        var body = new List<CardElement>();
        if (best.SectionHeading.Length > 0)
        {
            body.Add(new HeadingElement(best.SectionHeading));
        }
        if (best.SectionMarkdown.Length > 0)
        {
            body.Add(new TextElement(Shorten(best.SectionMarkdown, MaxSectionChars)));
        }
        body.Add(new TextElement(Citation(best)) { Subtle = true });
        if (helpful is { } vote)
        {
            body.Add(new TextElement(vote
                ? "Your vote: **👍 helpful**. Changed your mind? Press 👎."
                : "Your vote: **👎 not helpful**. Changed your mind? Press 👍."));
        }
        return new Card { Title = best.Title, Subtitle = best.Summary, Body = body, Actions = AnswerActions(question, best, others, redrawable: true) };
    }

    /// <summary>
    /// The lesson hit an <see cref="Answer"/> card was drawn from, as its feedback buttons carry it (lesson, section,
    /// see-also lesson), so the card can be drawn again with the vote; null for a card that cannot be (a written answer).
    /// </summary>
    public static (string LessonId, int Section, string? SeeAlso)? AnswerDrawnFrom(IReadOnlyDictionary<string, string> feedbackData)
    {
        ArgumentNullException.ThrowIfNull(feedbackData);
        return feedbackData.TryGetValue("lessonId", out var lesson)
            && feedbackData.TryGetValue("section", out var section)
            && int.TryParse(section, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal)
                ? (lesson, ordinal, feedbackData.GetValueOrDefault("seeAlso"))
                : null;
    }

    /// <summary>An answer written by the language model from the passages, with the lessons it cites.</summary>
    public static Card GeneratedAnswer(string question, string answer, IReadOnlyList<LessonHit> cited, IReadOnlyList<LessonHit> others)
    {
        ArgumentNullException.ThrowIfNull(cited);
        var body = new List<CardElement>
        {
            new TextElement(Shorten(answer, MaxSectionChars)),
            new TextElement("Sources: " + string.Join(" · ", cited.Select(c => $"**{c.Title}**"))) { Subtle = true },
            new TextElement("Written by AI from your organisation's lessons — check the sources for the details.") { Subtle = true },
        };
        return new Card { Title = cited[0].Title, Body = body, Actions = AnswerActions(question, cited[0], others, redrawable: false) };
    }

    private static string Citation(LessonHit hit) =>
        hit.SectionHeading.Length > 0 ? $"From the lesson **{hit.Title}**, section _{hit.SectionHeading}_" : $"From the lesson **{hit.Title}**";

    private static List<CardAction> AnswerActions(string question, LessonHit best, IReadOnlyList<LessonHit> others, bool redrawable)
    {
        var asked = Shorten(question, 300);
        Dictionary<string, string> Vote(string helpful)
        {
            var data = new Dictionary<string, string> { ["lessonId"] = best.LessonId, ["helpful"] = helpful, ["question"] = asked };
            if (redrawable)
            {
                data["section"] = best.SectionOrdinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (others.Count > 0)
                {
                    data["seeAlso"] = others[0].LessonId;
                }
            }
            return data;
        }
        var actions = new List<CardAction>
        {
            OpenLesson("Open full lesson", best.LessonId, primary: true),
            CardAction.Submit("Quiz me on this", KnowledgeVerbs.QuizMeOnLesson, new Dictionary<string, string> { ["lessonId"] = best.LessonId }),
            CardAction.Submit("👍 Helpful", KnowledgeVerbs.Feedback, Vote("yes")),
            CardAction.Submit("👎 Not helpful", KnowledgeVerbs.Feedback, Vote("no")),
        };
        if (others.Count > 0)
        {
            actions.Add(OpenLesson($"See also: {others[0].Title}", others[0].LessonId));
        }
        return actions;
    }

    public static Card NotInLibrary(string question, IReadOnlyList<LessonHit> closest, OutOfScopeTopic? redirect = null, bool expertsAvailable = false)
    {
        ArgumentNullException.ThrowIfNull(closest);
        var body = new List<CardElement>
        {
            new TextElement($"I searched the lesson library for _{Shorten(question, 200)}_ and found nothing that really answers it."),
        };
        if (redirect is not null)
        {
            body.Add(new TextElement(redirect.Where is { } where
                ? $"This looks like a question for **{where}** ({redirect.Topic.ToLowerInvariant()}) rather than for a lesson."
                : "That's outside what I know about — I only answer from your organisation's lessons."));
            closest = [];
        }
        if (closest.Count > 0)
        {
            body.Add(new TextElement("These are the closest topics I have:"));
        }
        var actions = closest.Select(c => OpenLesson(c.Title, c.LessonId)).ToList();
        if (expertsAvailable && redirect is null)
        {
            body.Add(new TextElement("Not knowing something is how learning starts — I can pass your question to the experts, with your name or without it.") { Subtle = true });
            var asked = Shorten(question, 300);
            actions.Add(CardAction.Submit("Ask the experts", KnowledgeVerbs.AskExperts, new Dictionary<string, string> { ["question"] = asked, ["anonymous"] = "no" }));
            actions.Add(CardAction.Submit("Ask anonymously", KnowledgeVerbs.AskExperts, new Dictionary<string, string> { ["question"] = asked, ["anonymous"] = "yes" }));
        }
        else
        {
            body.Add(new TextElement("Try other words, or ask a colleague — not knowing something is how learning starts.") { Subtle = true });
        }
        return new Card
        {
            Title = "I don't have a lesson on that yet",
            Body = body,
            Actions = actions,
        };
    }

    public static Card FullLesson(LessonRecord lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var body = new List<CardElement>();
        foreach (var section in lesson.Sections.OrderBy(s => s.Ordinal))
        {
            if (section.Heading.Length > 0)
            {
                body.Add(new HeadingElement(section.Heading));
            }
            if (section.Markdown.Length > 0)
            {
                body.Add(new TextElement(section.Markdown));
            }
        }
        var facts = new List<Fact>();
        if (lesson.Minutes is { } minutes)
        {
            facts.Add(new Fact("Reading time", $"{minutes} min"));
        }
        if (lesson.Tags.Length > 0)
        {
            facts.Add(new Fact("Topics", lesson.Tags.Replace("|", ", ", StringComparison.Ordinal)));
        }
        if (facts.Count > 0)
        {
            body.Add(new FactsElement(facts));
        }
        return new Card { Title = lesson.Title, Subtitle = lesson.Summary, Body = body };
    }

    /// <summary>
    /// Key points (each section's first point, whole) and one practice question whose answer is revealed on a click
    /// (<paramref name="answerShown"/>: the card once revealed, for channels that reveal by answering).
    /// </summary>
    public static Card Refresher(LessonRecord lesson, bool answerShown = false)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var keyPoints = lesson.Sections
            .Where(s => s.Ordinal > 0 && s.Heading.Length > 0)
            .OrderBy(s => s.Ordinal)
            .Select(s => $"- **{s.Heading}**: {KeyPoint(s.PlainText)}")
            .ToList();
        var body = new List<CardElement>();
        if (keyPoints.Count > 0)
        {
            body.Add(new HeadingElement("Key points"));
            body.Add(new TextElement(string.Join("\n", keyPoints)));
        }
        if (lesson.Questions.FirstOrDefault() is { } question)
        {
            var choices = JsonSerializer.Deserialize<List<string>>(question.Choices) ?? [];
            body.Add(new HeadingElement("Check yourself"));
            body.Add(new TextElement(question.Question));
            body.Add(new TextElement(string.Join("\n", choices.Select((c, i) => $"- {(char)('A' + i)}. {c}"))));
            var answer = question.Answer < choices.Count ? $"{(char)('A' + question.Answer)}. {choices[question.Answer]}" : "";
            var revealed = new TextElement($"Answer: **{answer}** — {question.Explanation}") { Subtle = true };
            body.Add(answerShown
                ? revealed
                : new RevealElement("refresher-answer", "Show the answer", [revealed])
                {
                    Verb = KnowledgeVerbs.RevealAnswer,
                    Data = new Dictionary<string, string> { ["lessonId"] = lesson.Id },
                });
        }
        return new Card
        {
            Title = $"Refresher: {lesson.Title}",
            Subtitle = lesson.Summary,
            Body = body,
            Actions = [OpenLesson("Open full lesson", lesson.Id, primary: true)],
        };
    }

    public static CardAction OpenLesson(string title, string lessonId, bool primary = false) =>
        CardAction.Submit(title, KnowledgeVerbs.OpenLesson, new Dictionary<string, string> { ["lessonId"] = lessonId }, primary);

    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOfAny(['\n', '.', ' '], max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd() + " …";
    }

    /// <summary>
    /// A section's first point, whole: its first paragraph or list item. One that is very long ends at its last
    /// sentence within the limit, never at its first ("Check your aim." says nothing without the rest).
    /// </summary>
    private static string KeyPoint(string text)
    {
        const int max = 400;
        var line = (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "").Trim();
        if (line.Length <= max)
        {
            return line;
        }
        var end = line.LastIndexOf(". ", max - 1, StringComparison.Ordinal);
        return end > max / 2 ? line[..(end + 1)] : Shorten(line, max);
    }
}
