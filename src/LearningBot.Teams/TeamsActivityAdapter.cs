using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams;

/// <summary>
/// Turns a Teams activity into channel-neutral <see cref="Turn"/>s and the <see cref="ConversationAddress"/> to
/// answer on. Features never see the activity (ARCHITECTURE.md "Rules of the house").
/// </summary>
public static partial class TeamsActivityAdapter
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    public const string MessageActionFetchInvoke = "composeExtension/fetchTask";
    public const string MessageActionSubmitInvoke = "composeExtension/submitAction";

    /// <summary>
    /// The card-action verb a message action's invoke becomes: "messageAction:&lt;commandId&gt;:fetch" or ":submit". The
    /// feature that owns the manifest command registers these verbs; the adapter knows no feature.
    /// </summary>
    public static string MessageActionVerb(string commandId, bool submit) => $"messageAction:{commandId}:{(submit ? "submit" : "fetch")}";

    /// <summary>
    /// The turns an activity stands for: none for activities LearningBot does not act on, one per reaction for
    /// <c>messageReaction</c>. <paramref name="body"/> is the raw request body, hashed into an event id when the
    /// activity has no id (channels always set one, §1.1; the hash still makes a redelivery of the same bytes a duplicate).
    /// </summary>
    public static IReadOnlyList<Turn> ToTurns(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var eventId = string.IsNullOrEmpty(activity.Id) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)) : activity.Id;
        var template = new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = eventId,
            Kind = TurnKind.Message,
            From = User(activity),
            Conversation = Conversation(activity),
            Timestamp = activity.Timestamp ?? now,
            TimeZone = TimeZone(activity),
            Locale = activity.Locale ?? ActivityEntities.ClientInfo(activity)?.Locale,
            Mentions = MentionedPeople(activity),
        };

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                // A classic Action.Submit arrives as a message whose value carries the action's data (§4.3).
                if (activity.Value is { ValueKind: JsonValueKind.Object } value
                    && value.TryGetProperty(AdaptiveCardRenderer.VerbDataKey, out var verb) && verb.ValueKind == JsonValueKind.String
                    && !string.IsNullOrEmpty(verb.GetString()))
                {
                    return [template with
                    {
                        Kind = TurnKind.CardAction,
                        Action = new CardActionInvocation(verb.GetString()!, DataOf(value)) { CardMessageId = activity.ReplyToId },
                    }];
                }
                return [template with { Text = TextWithoutBotMention(activity) }];

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
                            EventId = $"{eventId}:{type}:{(added ? "added" : "removed")}",
                            Kind = TurnKind.Reaction,
                            Reaction = new ReactionChange(type, added) { MessageId = messageId },
                        });
                    }
                }
                return turns;

            default:
                return [];
        }
    }

    /// <summary>A card action from an <c>adaptiveCard/action</c> invoke, or why its value is malformed (§4.3, §4.4).</summary>
    public static (Turn? Turn, string? Error) ToCardActionTurn(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, "The invoke has no value object.");
        }
        if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return (null, "The invoke value has no action object.");
        }
        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
        {
            return (null, "The action type must be Action.Execute.");
        }
        // Teams merges the card's input values into action.data.
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrEmpty(verb) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(AdaptiveCardRenderer.VerbDataKey, out var dataVerb) && dataVerb.ValueKind == JsonValueKind.String)
        {
            verb = dataVerb.GetString();
        }
        if (string.IsNullOrEmpty(verb))
        {
            return (null, "The action has no verb.");
        }
        var template = InvokeTemplate(activity, body, now, withEntities: true);
        var turn = template with
        {
            Kind = TurnKind.CardAction,
            Text = "",
            Action = new CardActionInvocation(verb, data.ValueKind == JsonValueKind.Object ? DataOf(data) : new Dictionary<string, string>())
            {
                CardMessageId = activity.ReplyToId,
            },
        };
        return (turn, null);
    }

    /// <summary>
    /// A message action (composeExtension/fetchTask or submitAction with commandContext "message") as a card-action turn.
    /// Its data: the dialog's inputs (submit), plus the message acted on — <c>messageId</c>, <c>authorAadObjectId</c>
    /// (messagePayload.from.user.id is the Entra object id, not the 29: id), <c>authorName</c>, <c>authorIsBot</c>
    /// (from.application), <c>messageText</c> and <c>messageLink</c>.
    /// </summary>
    public static (Turn? Turn, string? Error) ToMessageActionTurn(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, "The invoke has no value object.");
        }
        var commandId = value.TryGetProperty("commandId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (string.IsNullOrEmpty(commandId))
        {
            return (null, "The message action has no commandId.");
        }
        var data = value.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? DataOf(d)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.TryGetProperty("messagePayload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            data["messageId"] = StringOf(payload, "id") ?? data.GetValueOrDefault("messageId", "");
            data["messageLink"] = StringOf(payload, "linkToMessage") ?? data.GetValueOrDefault("messageLink", "");
            if (payload.TryGetProperty("body", out var messageBody) && messageBody.ValueKind == JsonValueKind.Object)
            {
                data["messageText"] = HtmlTag().Replace(StringOf(messageBody, "content") ?? "", " ").Trim();
            }
            if (payload.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object)
            {
                var user = from.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
                var application = from.TryGetProperty("application", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                data["authorAadObjectId"] = user.ValueKind == JsonValueKind.Object ? StringOf(user, "id") ?? "" : "";
                data["authorName"] = (user.ValueKind == JsonValueKind.Object ? StringOf(user, "displayName") : null)
                    ?? (application.ValueKind == JsonValueKind.Object ? StringOf(application, "displayName") : null) ?? "";
                data["authorIsBot"] = application.ValueKind == JsonValueKind.Object && user.ValueKind != JsonValueKind.Object ? "true" : "false";
            }
        }
        var template = InvokeTemplate(activity, body, now, withEntities: false);
        var verb = MessageActionVerb(commandId, activity.Name == MessageActionSubmitInvoke);
        return (template with { Kind = TurnKind.CardAction, Text = "", Action = new CardActionInvocation(verb, data) }, null);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    /// <summary>The who/where/when of an invoke, read as the message turn the adapter already knows how to build.</summary>
    private static Turn InvokeTemplate(Activity activity, ReadOnlySpan<byte> body, DateTimeOffset now, bool withEntities) =>
        ToTurns(new Activity
        {
            Type = ActivityTypes.Message,
            Id = activity.Id,
            Timestamp = activity.Timestamp,
            LocalTimezone = activity.LocalTimezone,
            From = activity.From,
            Recipient = activity.Recipient,
            Conversation = activity.Conversation,
            ChannelData = activity.ChannelData,
            Entities = withEntities ? activity.Entities : null,
            Locale = activity.Locale,
        }, body, now)[0];

    public static ConversationAddress Address(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ConversationAddress(activity.ServiceUrl ?? "")
        {
            BotId = activity.Recipient?.Id,
            TenantId = TenantId(activity),
            TeamId = activity.ChannelData?.Team?.Id,
            TeamName = activity.ChannelData?.Team?.Name,
        };
    }

    /// <summary>
    /// Removes mentions of the bot like the BF SDK's RemoveRecipientMention (§4.1): for each mention entity naming the
    /// recipient, remove its text (or &lt;at&gt;name&lt;/at&gt;) case-insensitively, then trim.
    /// </summary>
    public static string TextWithoutBotMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in ActivityEntities.Mentions(activity))
        {
            if (botId is null || !string.Equals(mention.MentionedId, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var mentionText = mention.Text ?? (mention.MentionedName is { } name ? $"<at>{name}</at>" : null);
            if (!string.IsNullOrEmpty(mentionText))
            {
                text = text.Replace(mentionText, "", StringComparison.OrdinalIgnoreCase);
            }
        }
        return text.Trim();
    }

    /// <summary>The people a message mentions, other than the bot, in order and once each (mention entities, §4.1).</summary>
    public static IReadOnlyList<ChannelUser> MentionedPeople(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var botId = activity.Recipient?.Id;
        return [.. ActivityEntities.Mentions(activity)
            .Where(m => !string.IsNullOrEmpty(m.MentionedId) && !string.Equals(m.MentionedId, botId, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(m => m.MentionedId, StringComparer.OrdinalIgnoreCase)
            .Select(m => new ChannelUser(m.MentionedId!, m.MentionedName ?? "") { TenantId = TenantId(activity), IsBot = IsBotId(m.MentionedId) })];
    }

    /// <summary>Bot accounts in Teams have ids starting "28:" (users "29:", §1.1).</summary>
    internal static bool IsBotId(string? id) => id?.StartsWith("28:", StringComparison.Ordinal) == true;

    /// <summary>"like-tone3" and "1f44d_thumbsup-tone2" count as the base reaction (§4.2).</summary>
    internal static string WithoutSkinTone(string reaction) => SkinTone().Replace(reaction, "");

    [GeneratedRegex("-tone[1-5]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SkinTone();

    private static Dictionary<string, string> DataOf(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            // The verb travels separately; msteams holds Teams' own routing hints, not action data.
            if (property.Name is AdaptiveCardRenderer.VerbDataKey or "msteams")
            {
                continue;
            }
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        }
        return values;
    }

    private static ChannelUser User(Activity activity) =>
        new(activity.From?.Id ?? "", activity.From?.Name ?? "")
        {
            AadObjectId = activity.From?.AadObjectId,
            TenantId = TenantId(activity),
            IsBot = IsBotId(activity.From?.Id),
        };

    private static TurnConversation Conversation(Activity activity)
    {
        var conversation = activity.Conversation;
        var type = conversation?.ConversationType switch
        {
            "personal" => ConversationType.Personal,
            "groupChat" => ConversationType.GroupChat,
            "channel" => ConversationType.Channel,
            _ when activity.ChannelData?.Channel?.Id is not null => ConversationType.Channel,
            _ when conversation?.IsGroup == true => ConversationType.GroupChat,
            _ => ConversationType.Personal,
        };
        return new TurnConversation(WithoutThread(conversation?.Id ?? ""), type)
        {
            TeamId = activity.ChannelData?.Team?.Id,
            TenantId = TenantId(activity),
        };
    }

    /// <summary>
    /// A channel thread's id is the channel id plus ";messageid=&lt;root&gt;" (§1.1). The core keeps one conversation per
    /// channel, so the turn names the channel; replies still go to the id as received (the thread).
    /// </summary>
    internal static string WithoutThread(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    /// <summary>Newer payloads carry conversation.tenantId, older ones only channelData.tenant.id (§1.1).</summary>
    private static string? TenantId(Activity activity) =>
        NullIfEmpty(activity.Conversation?.TenantId) ?? NullIfEmpty(activity.ChannelData?.Tenant?.Id);

    private static string? TimeZone(Activity activity) =>
        NullIfEmpty(activity.LocalTimezone) ?? NullIfEmpty(ActivityEntities.ClientInfo(activity)?.TimeZone);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

}
