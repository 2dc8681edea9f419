using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Recognition;

/// <summary>The cards and notes of recognition, built once for both channels.</summary>
public static class RecognitionCards
{
    public static Card Shoutout(RecognitionPostRecord post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var body = new List<CardElement>();
        if (post.Text.Length > 0)
        {
            body.Add(new TextElement($"_{post.Text}_"));
        }
        if (post.Value is { Length: > 0 } value)
        {
            body.Add(new TextElement($"#{value}"));
        }
        body.Add(new TextElement($"— {NameOr(post.AuthorName)}. React to this message to add your thanks.") { Subtle = true });
        return new Card { Title = $"🎓 Shoutout to {NameOr(post.SubjectName)}", Body = body };
    }

    public static Card LearningShare(RecognitionPostRecord post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new Card
        {
            Title = $"💡 {NameOr(post.SubjectName)} learned something",
            Body =
            [
                new TextElement(post.Text),
                new TextElement("Found it useful? React to this message — it recognises them.") { Subtle = true },
            ],
        };
    }

    public static string RecipientNote(RecognitionEntryRecord entry, string giverName, Uri? messageLink = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var why = entry.Source switch
        {
            RecognitionSource.Reaction => "reacted to your message to recognise it",
            RecognitionSource.Endorsement => "added their thanks to your shoutout",
            RecognitionSource.ShareReaction => "found your learning share useful",
            _ => "recognised you",
        };
        var reason = entry.Reason is { Length: > 0 } r ? $": “{r}”" : "";
        var value = entry.Value is { Length: > 0 } v ? $" #{v}" : "";
        var link = messageLink is null ? "" : $" [See the message]({messageLink.AbsoluteUri})";
        return $"🎓 **{NameOr(giverName)}** {why}{reason}{value}. Keep it up!{link}\n\n_(Type **kudos notifications off** to stop these messages.)_";
    }

    public static string BadgeNote(BadgeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"🏅 You earned the **{rule.Name}** badge — you {rule.Description.Replace("their ", "your ", StringComparison.Ordinal)}. Well done!";
    }

    public static string NameOr(string? name) => string.IsNullOrWhiteSpace(name) ? "a colleague" : name;
}

/// <summary>Builds a shoutout or learning-share card when the outbox sends it, and keeps its message id so reactions on it can be matched.</summary>
public sealed class RecognitionPostComposer(LearningBotDbContext db) : IOutboxComposer
{
    public const string PostKind = "recognition-post";

    public string Kind => PostKind;

    public string Describes => "your shoutout or learning share";

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var post = await db.Set<RecognitionPostRecord>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.OutboxMessageId == message.Id, cancellationToken).ConfigureAwait(false);
        return post is null
            ? null
            : OutboundMessage.FromCard(post.Kind == RecognitionPostKind.Shoutout ? RecognitionCards.Shoutout(post) : RecognitionCards.LearningShare(post));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return db.Set<RecognitionPostRecord>().Where(p => p.OutboxMessageId == message.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.MessageId, channelMessageId), cancellationToken);
    }
}
