using LearningBot.Core.Cards;

namespace LearningBot.Core.Knowledge;

/// <summary>The cards of expert routing.</summary>
public static class ExpertCards
{
    public const string AnswerInput = "answer";

    /// <summary>The data key of the "Send answer" button: the routed question's id.</summary>
    public const string RoutedIdKey = "routedId";

    public static Card Question(RoutedQuestionRecord routed, string? askerName)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return new Card
        {
            Title = askerName is null ? "A colleague has a question" : $"{askerName} has a question",
            Subtitle = "The lesson library has no answer yet — can you help?",
            Body =
            [
                new TextElement($"_{routed.Question}_"),
                new TextInputElement(AnswerInput, "Your answer") { Multiline = true, Required = true, MaxLength = 4000, Placeholder = "Write the answer you'd give over coffee" },
            ],
            Actions = [CardAction.Submit("Send answer", KnowledgeVerbs.ExpertAnswer, new Dictionary<string, string> { [RoutedIdKey] = routed.Id.ToString() }, primary: true)],
        };
    }

    /// <summary>The question card as it stands once answered, for the experts channel.</summary>
    public static Card Answered(RoutedQuestionRecord routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return WithAnswer("Answered — thank you!", $"_{routed.Question}_", routed, $"Answered by **{routed.AnsweredBy}**; the person who asked has been told.");
    }

    /// <summary>The answer, for the asker's 1:1 chat.</summary>
    public static Card AnswerForAsker(RoutedQuestionRecord routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return WithAnswer("An expert answered your question", $"You asked: _{routed.Question}_", routed, $"— {routed.AnsweredBy}");
    }

    private static Card WithAnswer(string title, string question, RoutedQuestionRecord routed, string byline) => new()
    {
        Title = title,
        Body = [new TextElement(question), new TextElement(routed.Answer ?? ""), new TextElement(byline) { Subtle = true }],
    };
}
