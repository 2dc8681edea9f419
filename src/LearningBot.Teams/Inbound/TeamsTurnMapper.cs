using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Inbound;

/// <summary>
/// Turns a Teams activity — a message, a membership or installation change, reactions, or an invoke's payload — into
/// channel-neutral <see cref="Turn"/>s and the <see cref="ConversationAddress"/> to answer on. Features never see the
/// activity (ARCHITECTURE.md "Rules of the house").
/// </summary>
public static partial class TeamsTurnMapper
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    public const string MessageActionFetchInvoke = "composeExtension/fetchTask";
    public const string MessageActionSubmitInvoke = "composeExtension/submitAction";

    /// <summary>
    /// The card-action verb a message action's invoke becomes: "messageAction:&lt;commandId&gt;:fetch" or ":submit". The
    /// feature that owns the manifest command registers these verbs; the mapper knows no feature.
    /// </summary>
    public static string MessageActionVerb(string commandId, bool submit) => $"messageAction:{commandId}:{(submit ? "submit" : "fetch")}";

    /// <summary>
    /// The turns an activity stands for and how it is answered. <paramref name="body"/> is the raw request body, hashed
    /// into an event id when the activity has no id (channels always set one, §1.1; the hash still makes a redelivery of
    /// the same bytes a duplicate).
    /// </summary>
    public static InboundTurns Map(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Invoke)
        {
            return new InboundTurns(ToTurns(activity, body, now), ExpectedAnswer.Acknowledgement);
        }
        return activity.Name switch
        {
            AdaptiveCardActionInvoke => Invoke(ToCardActionTurn(activity, body, now), ExpectedAnswer.CardActionResponse),
            MessageActionFetchInvoke or MessageActionSubmitInvoke => Invoke(ToMessageActionTurn(activity, body, now), ExpectedAnswer.MessageActionResponse),
            _ => new InboundTurns([], ExpectedAnswer.NotImplemented),
        };
    }

    /// <summary>
    /// The turns of an activity that is not an invoke: none for activities LearningBot does not act on, one per
    /// reaction for <c>messageReaction</c>.
    /// </summary>
    public static IReadOnlyList<Turn> ToTurns(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var template = Template(activity, body, now, readEntities: true);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                // A classic Action.Submit arrives as a message whose value carries the action's data (§4.3).
                if (CardActionPayload.FromSubmit(activity.Value) is { } submit)
                {
                    return [template with { Kind = TurnKind.CardAction, Action = submit with { CardMessageId = activity.ReplyToId } }];
                }
                // In a channel or group chat only a message that mentions the bot is addressed to it. Teams sends the
                // bot only those (unless the app has RSC ChannelMessage.Read.Group), but the bot does not rely on it.
                if (template.Conversation.Type is ConversationType.Channel or ConversationType.GroupChat && !BotMentions.MentionsBot(activity))
                {
                    return [];
                }
                return [template with { Text = BotMentions.TextWithoutBotMention(activity), Files = SharedFiles(activity) }];

            case ActivityTypes.ConversationUpdate:
                // The bot itself among membersAdded / membersRemoved = it was added to / removed from this
                // conversation (§1.1, §4.6).
                var botId = activity.Recipient?.Id;
                if (botId is null)
                {
                    return [];
                }
                if ((activity.MembersAdded ?? []).Any(m => m.Id == botId))
                {
                    return [template with { Kind = TurnKind.Installed }];
                }
                return (activity.MembersRemoved ?? []).Any(m => m.Id == botId)
                    ? [template with { Kind = TurnKind.Uninstalled }]
                    : [];

            case ActivityTypes.InstallationUpdate:
                return activity.Action switch
                {
                    "add" or "add-upgrade" => [template with { Kind = TurnKind.Installed }],
                    "remove" => [template with { Kind = TurnKind.Uninstalled }],
                    _ => [],
                };

            case ActivityTypes.MessageReaction:
                return Reactions(activity, template);

            default:
                return [];
        }
    }

    /// <summary>A card action from an <c>adaptiveCard/action</c> invoke, or why its value is malformed (§4.3, §4.4).</summary>
    public static (Turn? Turn, string? Error) ToCardActionTurn(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (action, error) = CardActionPayload.FromInvoke(activity.Value);
        return action is null
            ? (null, error)
            : (Template(activity, body, now, readEntities: true) with
            {
                Kind = TurnKind.CardAction,
                Action = action with { CardMessageId = activity.ReplyToId },
            }, null);
    }

    /// <summary>A message action's invoke as a card-action turn (<see cref="MessageActionPayload"/>), or why its value is malformed.</summary>
    public static (Turn? Turn, string? Error) ToMessageActionTurn(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (action, error) = MessageActionPayload.FromInvoke(activity.Value, submit: activity.Name == MessageActionSubmitInvoke);
        return action is null
            ? (null, error)
            : (Template(activity, body, now, readEntities: false) with { Kind = TurnKind.CardAction, Action = action }, null);
    }

    /// <summary>Where the bot answers: the service URL, the bot's own id, the tenant and the team.</summary>
    public static ConversationAddress Address(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ConversationAddress(activity.ServiceUrl ?? "")
        {
            BotId = activity.Recipient?.Id,
            TenantId = ActivityOrigin.TenantId(activity),
            TeamId = activity.ChannelData?.Team?.Id,
            TeamName = activity.ChannelData?.Team?.Name,
        };
    }

    private static InboundTurns Invoke((Turn? Turn, string? Error) mapped, ExpectedAnswer answer) =>
        mapped.Turn is { } turn ? new InboundTurns([turn], answer) : new InboundTurns([], answer) { Malformed = mapped.Error };

    /// <summary>
    /// The who, where and when every turn of an activity shares, as a message turn. Without <paramref name="readEntities"/>
    /// (message actions) the turn has no mentions and takes neither locale nor time zone from the clientInfo entity.
    /// </summary>
    private static Turn Template(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now, bool readEntities)
    {
        var clientInfo = readEntities ? ActivityEntities.ClientInfo(activity) : null;
        return new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = string.IsNullOrEmpty(activity.Id) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)) : activity.Id,
            Kind = TurnKind.Message,
            From = ActivityOrigin.User(activity),
            Conversation = ActivityOrigin.Conversation(activity),
            Timestamp = activity.Timestamp ?? now,
            TimeZone = ActivityOrigin.TimeZone(activity, clientInfo),
            Locale = activity.Locale ?? clientInfo?.Locale,
            Mentions = readEntities ? BotMentions.MentionedPeople(activity) : [],
        };
    }

    /// <summary>The Teams file content type of a file shared in a 1:1 chat (teams-protocol: bots and files).</summary>
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>
    /// Files shared in the message: attachments of type <see cref="FileDownloadInfo"/>, whose content carries a
    /// pre-authenticated <c>downloadUrl</c> (only https ones are taken).
    /// </summary>
    private static List<SharedFile> SharedFiles(Activity activity)
    {
        var files = new List<SharedFile>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (!string.Equals(attachment.ContentType, FileDownloadInfo, StringComparison.OrdinalIgnoreCase) || attachment.Content is not System.Text.Json.Nodes.JsonObject content)
            {
                continue;
            }
            var url = content["downloadUrl"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
            {
                continue;
            }
            var name = string.IsNullOrWhiteSpace(attachment.Name) ? "document" : attachment.Name;
            files.Add(new SharedFile(name, url) { ContentType = content["fileType"]?.ToString(), Workspace = activity.Conversation?.TenantId });
        }
        return files;
    }

    private static List<Turn> Reactions(Activity activity, Turn template)
    {
        var messageId = activity.ReplyToId ?? "";
        var turns = new List<Turn>();
        foreach (var (reactions, added) in new[] { (activity.ReactionsAdded, true), (activity.ReactionsRemoved, false) })
        {
            foreach (var reaction in reactions ?? [])
            {
                if (string.IsNullOrEmpty(reaction.Type))
                {
                    continue;
                }
                var type = WithoutSkinTone(reaction.Type);
                // One activity can carry several reactions; each needs its own idempotency key.
                turns.Add(template with
                {
                    EventId = $"{template.EventId}:{type}:{(added ? "added" : "removed")}",
                    Kind = TurnKind.Reaction,
                    Reaction = new ReactionChange(type, added) { MessageId = messageId },
                });
            }
        }
        return turns;
    }

    /// <summary>"like-tone3" and "1f44d_thumbsup-tone2" count as the base reaction (§4.2).</summary>
    internal static string WithoutSkinTone(string reaction) => SkinTone().Replace(reaction, "");

    [GeneratedRegex("-tone[1-5]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SkinTone();
}
