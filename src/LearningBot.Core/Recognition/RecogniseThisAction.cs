using LearningBot.Core.Kernel;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;

namespace LearningBot.Core.Recognition;

/// <summary>
/// "Recognise this", the Teams message action (manifest composeExtensions command <see cref="CommandId"/>): Teams
/// reports reactions only on the bot's own posts, so this is how a Teams user recognises any colleague's message.
/// The adapter turns fetchTask / submitAction into these verbs, with the message acted on in the data.
/// </summary>
public sealed class RecogniseThisAction(RecognitionService recognition, PersonDirectory people) : ICardActionHandler
{
    public const string CommandId = "recogniseThis";
    public const string FetchVerb = "messageAction:" + CommandId + ":fetch";
    public const string SubmitVerb = "messageAction:" + CommandId + ":submit";
    public const string ReasonInput = "reason";
    public const string ValueInput = "value";

    public IReadOnlyCollection<string> Verbs { get; } = [FetchVerb, SubmitVerb];

    public async Task<Reply> HandleAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var authorName = action.Data.GetValueOrDefault("authorName") ?? "";
        if (action.Verb == FetchVerb)
        {
            return Reply.WithCard(Dialog(authorName, action.Data.GetValueOrDefault("messageText") ?? ""));
        }

        var authorIsBot = action.Data.GetValueOrDefault("authorIsBot") == "true";
        var aad = action.Data.GetValueOrDefault("authorAadObjectId") ?? "";
        // The author is found as a kudos mention is: a known account, else the channel's member lookup in this
        // conversation and the team channels the bot is in (the message gives the Entra object id, not the 29: id).
        var recipient = authorIsBot || aad.Length == 0
            ? (Guid?)null
            : (await people.ResolvePickedAsync(turn, aad, 1, cancellationToken).ConfigureAwait(false)).People.Cast<Guid?>().FirstOrDefault();
        if (recipient is null && !authorIsBot)
        {
            return Reply.WithText($"I couldn't look up {RecognitionCards.NameOr(authorName)} in this chat, so I can't tell them about it. Try **kudos @{(authorName.Length > 0 ? authorName : "name")} for …** with a mention — that reaches them.");
        }
        var value = action.Data.GetValueOrDefault(ValueInput)?.Trim().TrimStart('#').ToLowerInvariant();
        var outcome = await recognition.GiveAsync(new GiveRequest
        {
            IdempotencyKey = $"message-action:{turn.Channel}:{turn.EventId}",
            Channel = turn.Channel,
            GiverPersonId = turn.PersonId,
            GiverIsBot = turn.From.IsBot,
            RecipientPersonId = recipient ?? Guid.Empty,
            RecipientIsBot = authorIsBot,
            Source = RecognitionSource.MessageAction,
            MessageId = action.Data.GetValueOrDefault("messageId") is { Length: > 0 } id ? id : null,
            Reason = action.Data.GetValueOrDefault(ReasonInput),
            Value = string.IsNullOrWhiteSpace(value) ? null : value,
            TeamId = turn.Conversation.TeamId ?? "",
            GivenInConversationId = turn.Conversation.Type == ConversationType.Personal ? null : turn.Conversation.Id,
            MessageLink = Uri.TryCreate(action.Data.GetValueOrDefault("messageLink"), UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? link : null,
        }, turn.From.Name, authorName, postShoutout: true, cancellationToken).ConfigureAwait(false);
        return outcome.Block switch
        {
            GiveBlock.Duplicate => Reply.None,
            GiveBlock.None => Reply.WithText($"🎓 Recognition for **{RecognitionCards.NameOr(authorName)}** recorded — they'll hear about it."),
            _ => Reply.WithText(outcome.WhyBlocked ?? ""),
        };
    }

    public static Card Dialog(string authorName, string messageText) => new()
    {
        Title = $"Recognise {RecognitionCards.NameOr(authorName)}",
        Body =
        [
            new TextElement($"_{(messageText.Length > 200 ? WellFormedText.Cut(messageText, 198) : messageText)}_") { Subtle = true },
            new TextInputElement(ReasonInput, "What are you recognising?") { Required = true, MaxLength = 500, Placeholder = "e.g. the clear write-up that unblocked us" },
            new TextInputElement(ValueInput, "Value (optional)") { MaxLength = 50, Placeholder = "#teamwork" },
        ],
        Actions = [CardAction.Submit("Recognise", SubmitVerb, primary: true)],
    };
}
