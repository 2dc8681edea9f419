namespace LearningBot.Core.Conversations;

/// <summary>
/// One inbound event in channel-neutral form: who, where, what. Adapters build it from a Teams activity or a
/// Slack payload; features never see either.
/// </summary>
public sealed record Turn
{
    public required ChannelKind Channel { get; init; }
    /// <summary>The channel's id for this event (Teams activity id, Slack event id): the idempotency key.</summary>
    public required string EventId { get; init; }
    public required TurnKind Kind { get; init; }
    public required ChannelUser From { get; init; }
    public required TurnConversation Conversation { get; init; }
    /// <summary>The person behind <see cref="From"/>; set by <see cref="TurnProcessor"/> before routing.</summary>
    public Guid PersonId { get; init; }
    /// <summary>Message text with mentions of the bot removed.</summary>
    public string Text { get; init; } = "";
    /// <summary>People mentioned in the message other than the bot, in order (Teams mention entities, Slack &lt;@U…&gt;).</summary>
    public IReadOnlyList<ChannelUser> Mentions { get; init; } = [];
    public CardActionInvocation? Action { get; init; }
    public ReactionChange? Reaction { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>IANA time zone of the sender, when the channel reports it.</summary>
    public string? TimeZone { get; init; }
    public string? Locale { get; init; }
    /// <summary>
    /// True when the channel shows the reply to this turn to the sender alone although the conversation is shared
    /// (an ephemeral answer); set by the adapter that answers that way. A 1:1 chat needs no flag.
    /// </summary>
    public bool ReplySeenBySenderOnly { get; init; }
    /// <summary>Files shared with the message (a document sent in a 1:1 chat), as the channel offers them for download.</summary>
    public IReadOnlyList<SharedFile> Files { get; init; } = [];
}

/// <summary>
/// A file someone shared with the bot: its name, the size when the channel says, and where the channel lets the bot
/// download it. Only the channel that produced it can fetch it (<see cref="ISharedFileDownloader"/>), with whatever
/// credentials that channel needs; <see cref="Workspace"/> tells it which workspace or tenant.
/// </summary>
public sealed record SharedFile(string Name, string DownloadUrl)
{
    public long? Size { get; init; }
    public string? ContentType { get; init; }
    public string? Workspace { get; init; }
}

/// <summary>The chat platform a turn, account or message belongs to; stored by name.</summary>
public enum ChannelKind
{
    Teams,
    Slack,
}

/// <summary>What happened in the channel to make a turn.</summary>
public enum TurnKind
{
    /// <summary>Text typed by a person (a 1:1 message or an @mention).</summary>
    Message,
    /// <summary>A button pressed on a card the bot sent.</summary>
    CardAction,
    /// <summary>A reaction added to or removed from a message.</summary>
    Reaction,
    /// <summary>The bot was installed or added to a conversation.</summary>
    Installed,
    /// <summary>The bot was removed from a conversation.</summary>
    Uninstalled,
}

/// <summary>Where a turn happened: a 1:1 chat with the bot, a group chat, or a team channel.</summary>
public enum ConversationType
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>A person (or bot) as the channel knows them: the channel's id and display name, and what else it tells.</summary>
public sealed record ChannelUser(string Id, string Name)
{
    /// <summary>Entra object id (Teams) when known.</summary>
    public string? AadObjectId { get; init; }
    public string? TenantId { get; init; }
    /// <summary>Work email when the channel gives it (Slack users.info with users:read.email, Teams member lookup).</summary>
    public string? Email { get; init; }
    /// <summary>True for a bot account (Teams 28: ids, the Slack bot user): bots neither give nor receive recognition.</summary>
    public bool IsBot { get; init; }
}

/// <summary>The conversation a turn came from, with its team and tenant when the channel gives them.</summary>
public sealed record TurnConversation(string Id, ConversationType Type)
{
    public string? TeamId { get; init; }
    public string? TenantId { get; init; }
}

/// <summary>A card button press: the action's verb, its data and the values of the card's inputs.</summary>
public sealed record CardActionInvocation(string Verb, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>Channel id of the message that holds the card, so it can be updated in place.</summary>
    public string? CardMessageId { get; init; }
}

/// <summary>A reaction added to or removed from a message, and whose message it was.</summary>
public sealed record ReactionChange(string Reaction, bool Added)
{
    /// <summary>Channel id of the message that got the reaction.</summary>
    public required string MessageId { get; init; }

    /// <summary>Who wrote the message that got the reaction, when the channel says (Slack item_user); null in Teams, which only reports reactions on the bot's own posts.</summary>
    public ChannelUser? MessageAuthor { get; init; }

    /// <summary>A link to the message that got the reaction, when the channel gives one (Slack chat.getPermalink).</summary>
    public Uri? MessageLink { get; init; }
}
