using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Recognition;

/// <summary>"kudos @person for &lt;reason&gt; [#value]", and "kudos notifications off|on".</summary>
public sealed partial class KudosCommand(RecognitionService recognition, RecognitionLedger ledger, PersonDirectory people, PrivateReplies privately) : ICommandHandler
{
    public string Name => "kudos";
    public string Description => "recognise a colleague for what they did or taught";
    public string Usage => "**kudos** _@name_ **for** _what they did_";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (NotificationsSwitch().Match(arguments) is { Success: true } notifications)
        {
            var off = notifications.Groups[1].Value.Equals("off", StringComparison.OrdinalIgnoreCase);
            await recognition.SetPreferenceAsync(turn.PersonId, p => p.NotificationsOff = off, cancellationToken).ConfigureAwait(false);
            return Reply.WithText(off
                ? "Done — I won't message you when someone recognises you. Type **kudos notifications on** to hear about it again."
                : "Done — I'll message you when someone recognises you.");
        }
        if (turn.Mentions.Count == 0)
        {
            return Reply.WithText("Who would you like to recognise? Mention them, e.g. **kudos @Sam for the clear demo #teamwork**.");
        }
        var recipient = turn.Mentions[0];
        var (reason, value) = ParseReason(arguments);
        var recipientId = recipient.IsBot ? Guid.Empty : await people.ResolveAsync(turn.Channel, recipient, null, null, cancellationToken).ConfigureAwait(false);
        var outcome = await recognition.GiveAsync(new GiveRequest
        {
            IdempotencyKey = $"command:{turn.Channel}:{turn.EventId}",
            Channel = turn.Channel,
            GiverPersonId = turn.PersonId,
            GiverIsBot = turn.From.IsBot,
            RecipientPersonId = recipientId,
            RecipientIsBot = recipient.IsBot,
            Source = RecognitionSource.Command,
            Reason = reason,
            Value = value,
            TeamId = turn.Conversation.TeamId ?? "",
            GivenInConversationId = turn.Conversation.Type == ConversationType.Personal ? null : turn.Conversation.Id,
        }, turn.From.Name, recipient.Name, postShoutout: true, cancellationToken).ConfigureAwait(false);
        if (outcome.Block == GiveBlock.Duplicate)
        {
            return Reply.None;
        }
        if (outcome.WhyBlocked is { } why)
        {
            return await privately.ToSenderAsync(turn, why, cancellationToken).ConfigureAwait(false);
        }
        var left = await ledger.RemainingTodayAsync(turn.PersonId, cancellationToken).ConfigureAwait(false);
        return await privately.ToSenderAsync(turn,
            $"🎓 Kudos to **{RecognitionCards.NameOr(recipient.Name)}** recorded — they'll hear about it. You can give {left} more today.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reason and the first #value, with mention markup (Teams &lt;at&gt;…&lt;/at&gt;, Slack &lt;@U…&gt;) and a leading "for" removed.</summary>
    public static (string? Reason, string? Value) ParseReason(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = MentionMarkup().Replace(arguments, " ");
        var value = ValueTag().Match(text) is { Success: true } tag ? tag.Groups[1].Value.ToLowerInvariant() : null;
        text = ValueTag().Replace(text, " ");
        text = Spaces().Replace(text, " ").Trim();
        // "@Sam for the demo" in a channel that sends the mention as plain text: drop the leading "@Name".
        if (text.StartsWith('@'))
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            text = space < 0 ? "" : text[(space + 1)..];
        }
        if (text.StartsWith("for ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }
        text = text.Trim();
        return (text.Length == 0 ? null : text, value);
    }

    [GeneratedRegex(@"^\s*notifications\s+(on|off)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotificationsSwitch();

    [GeneratedRegex(@"<at>.*?</at>|<@[A-Z0-9]+(?:\|[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionMarkup();

    [GeneratedRegex(@"(?<!\w)#([\p{L}\p{N}_-]{1,50})", RegexOptions.CultureInvariant)]
    private static partial Regex ValueTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>"share &lt;what I learned&gt;": a learning-share card in the team's learning channel.</summary>
public sealed class ShareCommand(RecognitionService recognition, IEnumerable<Growth.ILearningSharing> sharing) : ICommandHandler
{
    public string Name => "share";
    public string Description => "share something you learned with your team's learning channel";
    public string Usage => "**share** _what you learned_";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var text = arguments.Trim();
        // "share my learning with my manager [off]" is a choice about privacy, not a post (the growth feature keeps it).
        if (sharing.FirstOrDefault() is { } choice && MentionText.Strip(text).Trim().TrimEnd('.', '!') is var words
            && words.StartsWith("my learning with my manager", StringComparison.OrdinalIgnoreCase))
        {
            var off = words.EndsWith(" off", StringComparison.OrdinalIgnoreCase) || words.EndsWith(" stop", StringComparison.OrdinalIgnoreCase);
            return Reply.WithText(await choice.SetAsync(turn.PersonId, !off, cancellationToken).ConfigureAwait(false));
        }
        if (text.Length < 3)
        {
            return Reply.WithText("What did you learn? e.g. **share a quick way to review pull requests: read the tests first**.");
        }
        if (turn.From.IsBot)
        {
            return Reply.None;
        }
        return await recognition.ShareAsync(turn, text, cancellationToken).ConfigureAwait(false)
            ? Reply.WithText("💡 Posting it in your team's learning channel — thank you! Colleagues' reactions on it will recognise you. (If I can't post there, I'll tell you here.)")
            : Reply.WithText("Your team has no learning channel yet. Ask someone to mention me with **learning channel here** in the channel where your team celebrates learning.");
    }
}

/// <summary>"learning channel here": where shoutouts, learning shares and the digest go.</summary>
public sealed class LearningChannelCommand(RecognitionService recognition) : ICommandHandler
{
    public string Name => "learning";
    public string Description => "in a channel: \"learning channel here\" posts shoutouts, shares and the weekly digest there";
    public string Usage => "**learning channel here**";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!string.Equals(string.Join(' ', arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)), "channel here", StringComparison.OrdinalIgnoreCase))
        {
            var current = await recognition.FindLearningChannelAsync(turn.Channel, turn.Conversation.TeamId, cancellationToken).ConfigureAwait(false);
            return Reply.WithText(current is null
                ? "No learning channel is set up yet. In the channel where your team celebrates learning, mention me with **learning channel here**."
                : "Shoutouts, learning shares and the weekly digest go to the channel set up with **learning channel here**. Run it in another channel to move them.");
        }
        if (turn.Conversation.Type == ConversationType.Personal)
        {
            return Reply.WithText("Run **learning channel here** in the channel where your team should see shoutouts (mention me there), not in a 1:1 chat.");
        }
        await recognition.SetLearningChannelAsync(turn, cancellationToken).ConfigureAwait(false);
        return Reply.WithText("Done: shoutouts, learning shares and the weekly digest for this team will be posted here. 🎓");
    }
}

/// <summary>Recognition by reaction: on a colleague's message (Slack), or on the bot's shoutouts and learning shares (both).</summary>
public sealed class RecognitionReactionHandler(
    RecognitionService recognition,
    RecognitionLedger ledger,
    PersonDirectory people,
    PrivateReplies privately,
    IOptions<RecognitionOptions> options) : IReactionHandler
{
    /// <summary>Only the recognition and endorsement reactions count; any other emoji is nothing to recognition.</summary>
    public bool ActsOn(string reaction) =>
        Contains(options.Value.EffectiveEndorsementReactions, reaction) || Contains(options.Value.EffectiveRecognitionReactions, reaction);

    public async Task<Reply> HandleAsync(Turn turn, ReactionChange reaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(reaction);
        if (reaction.MessageId.Length == 0)
        {
            return Reply.None;
        }
        var key = $"reaction:{turn.Channel}:{turn.EventId}:{reaction.Reaction}:{(reaction.Added ? "added" : "removed")}";
        var settings = options.Value;
        var post = await recognition.FindPostAsync(turn.Channel, reaction.MessageId, cancellationToken).ConfigureAwait(false);
        var counts = post is not null
            ? Contains(settings.EffectiveEndorsementReactions, reaction.Reaction) || Contains(settings.EffectiveRecognitionReactions, reaction.Reaction)
            : Contains(settings.EffectiveRecognitionReactions, reaction.Reaction) && reaction.MessageAuthor is not null;
        if (!counts)
        {
            return Reply.None;
        }
        if (!reaction.Added)
        {
            // §4.2 / Slack reaction_removed: taking the reaction away takes the recognition back.
            await ledger.ReverseAsync(key, turn.Channel, turn.PersonId, reaction.MessageId, cancellationToken).ConfigureAwait(false);
            return Reply.None;
        }

        GiveRequest request;
        string recipientName;
        if (post is not null)
        {
            if (post.AuthorPersonId == turn.PersonId && post.Kind == RecognitionPostKind.Shoutout)
            {
                return Reply.None; // the giver of a shoutout liking it: their recognition is already counted
            }
            request = new GiveRequest
            {
                IdempotencyKey = key, Channel = turn.Channel, GiverPersonId = turn.PersonId, GiverIsBot = turn.From.IsBot,
                RecipientPersonId = post.SubjectPersonId,
                Source = post.Kind == RecognitionPostKind.Shoutout ? RecognitionSource.Endorsement : RecognitionSource.ShareReaction,
                MessageId = reaction.MessageId, PostId = post.Id, TeamId = post.TeamId,
                Reason = post.Kind == RecognitionPostKind.LearningShare ? Shorten(post.Text) : post.Text,
            };
            recipientName = post.SubjectName;
        }
        else
        {
            var author = reaction.MessageAuthor!;
            request = new GiveRequest
            {
                IdempotencyKey = key, Channel = turn.Channel, GiverPersonId = turn.PersonId, GiverIsBot = turn.From.IsBot,
                RecipientPersonId = author.IsBot ? Guid.Empty : await people.ResolveAsync(turn.Channel, author, null, null, cancellationToken).ConfigureAwait(false),
                RecipientIsBot = author.IsBot,
                Source = RecognitionSource.Reaction, MessageId = reaction.MessageId, TeamId = turn.Conversation.TeamId ?? "",
                MessageLink = reaction.MessageLink,
            };
            recipientName = author.Name;
        }
        var outcome = await recognition.GiveAsync(request, turn.From.Name, recipientName, postShoutout: false, cancellationToken).ConfigureAwait(false);
        // A second counted emoji on the same message, or reacting to one's own share, is not worth a note.
        if (outcome.WhyBlocked is not { } why || outcome.Block is GiveBlock.AlreadyRecognised || (outcome.Block == GiveBlock.Self && post is not null))
        {
            return Reply.None;
        }
        return await privately.ToSenderAsync(turn, why, cancellationToken).ConfigureAwait(false);
    }

    private static bool Contains(IReadOnlyList<string> reactions, string reaction) =>
        reactions.Any(r => string.Equals(r.Trim(':'), reaction, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length > 120 ? text[..117] + "…" : text;
}
