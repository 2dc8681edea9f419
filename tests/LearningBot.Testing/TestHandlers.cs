using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;

namespace LearningBot.Testing;

/// <summary>Answers every question with a card, so tests can see the question reached the core.</summary>
public sealed class AnswerCardQuestionHandler : IQuestionHandler
{
    public Task<Reply> HandleAsync(Turn turn, string question, CancellationToken cancellationToken) =>
        Task.FromResult(Reply.WithCard(new Card
        {
            Title = "Answer",
            Body = [new TextElement($"You asked: {question}")],
            Actions = [CardAction.Submit("More", TestVerbs.UpdateCard, new Dictionary<string, string> { ["lesson"] = "phishing-101" }, primary: true)],
        }));
}

/// <summary>"slow": a command that finishes only when the test lets it, to see the answer arrive after the ack.</summary>
public sealed class SlowCommand : ICommandHandler
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "slow";
    public string Description => "answers late";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        await Release.Task.WaitAsync(cancellationToken);
        // "slow form": a late form, which opens as a modal while its trigger lasts.
        return arguments == "form"
            ? Reply.WithCard(new Card { Title = "A late form", Body = [new TextInputElement("note", "Note")], Actions = [CardAction.Submit("Send", TestVerbs.Echo, primary: true)] })
            : Reply.WithText($"Late answer: {arguments}");
    }
}

public static class TestVerbs
{
    public const string UpdateCard = "test.update";
    public const string Echo = "test.echo";
    public const string AskForNote = "test.ask";
}

/// <summary>"test.update" replaces the card; "test.echo" replies with the data; "test.ask" answers with a card that has a required input.</summary>
public sealed class TestCardActions : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [TestVerbs.UpdateCard, TestVerbs.Echo, TestVerbs.AskForNote];

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken) =>
        Task.FromResult(action.Verb switch
        {
            TestVerbs.UpdateCard => new Reply { UpdatedCard = new Card { Title = "Updated" }, Messages = [OutboundMessage.FromText("Card updated.")] },
            TestVerbs.AskForNote => Reply.WithCard(new Card
            {
                Title = "What did you learn?",
                Body = [new TextInputElement("note", "Your note") { Required = true, MaxLength = 200 }],
                Actions = [CardAction.Submit("Save", TestVerbs.Echo, new Dictionary<string, string> { ["kind"] = "note" })],
            }),
            _ => Reply.WithText(string.Join(";", action.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))),
        });
}
