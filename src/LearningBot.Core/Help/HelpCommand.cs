using LearningBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Help;

/// <summary>"help" and the help button: lists every command. The router is resolved lazily because it lists this command too.</summary>
public sealed class HelpCommand(IServiceProvider services) : ICommandHandler, ICardActionHandler
{
    public string Name => "help";
    public string Description => "what I can do";
    public IReadOnlyCollection<string> Verbs { get; } = [HelpVerbs.Show];

    public Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken) =>
        Task.FromResult(Reply.WithCard(HelpCards.Help(services.GetRequiredService<TurnRouter>().Commands)));

    public Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken) =>
        HandleAsync(turn, "", cancellationToken);
}

/// <summary>Greets a conversation once, when the bot is installed or added.</summary>
public sealed class WelcomeHandler(ConversationReferenceStore conversations, IEnumerable<IWelcomeOffer> offers) : IWelcomeHandler
{
    public async Task<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var first = await conversations.TryMarkGreetedAsync(turn.Channel, turn.Conversation.Id, cancellationToken).ConfigureAwait(false);
        if (!first)
        {
            return Reply.None;
        }
        var inChannel = turn.Conversation.Type != ConversationType.Personal;
        var offered = new List<WelcomeOffer>();
        if (!inChannel)
        {
            foreach (var offer in offers)
            {
                if (await offer.OfferAsync(turn, cancellationToken).ConfigureAwait(false) is { } made)
                {
                    offered.Add(made);
                }
            }
        }
        return Reply.WithCard(HelpCards.Welcome(inChannel, offered));
    }
}
