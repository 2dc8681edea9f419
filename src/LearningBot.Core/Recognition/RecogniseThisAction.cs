using LearningBot.Core.Kernel;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Recognition;

/// <summary>
/// "Recognise this", the Teams message action (manifest composeExtensions command <see cref="CommandId"/>): Teams
/// reports reactions only on the bot's own posts, so this is how a Teams user recognises any colleague's message.
/// The adapter turns fetchTask / submitAction into these verbs, with the message acted on in the data.
/// </summary>
public sealed class RecogniseThisAction(RecognitionService recognition, LearningBotDbContext db) : ICardActionHandler
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
        var channel = turn.Channel;
        var recipient = authorIsBot || aad.Length == 0
            ? (Guid?)null
            : await db.ChannelAccounts.AsNoTracking().Where(a => a.Channel == channel && a.AadObjectId == aad).Select(a => (Guid?)a.PersonId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (recipient is null && !authorIsBot)
        {
            // Without the author's Teams id the bot cannot reach them; a mention carries it.
            return Reply.WithText($"I can't recognise {RecognitionCards.NameOr(authorName)} from here yet — they haven't used LearningBot. Try **kudos @{(authorName.Length > 0 ? authorName : "name")} for …** in a chat with me.");
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
