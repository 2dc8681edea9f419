using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// The Events API's turn mapper (slack-protocol.md §2): an acknowledged event_callback becomes the turns it stands for,
/// each run through <see cref="SlackTurnRunner"/> (so <see cref="TurnProcessor"/> drops a redelivery by its event_id).
/// Messages from bots, the bot itself and message subtypes are ignored as Bolt does (§2.4).
/// </summary>
public sealed partial class SlackEventProcessor(
    SlackTurnBuilder builder,
    SlackTurnRunner runner,
    SlackInstallationStore installations,
    InboundEventLog inbound,
    SlackApiClient api,
    TurnRouter router,
    TimeProvider clock,
    ILogger<SlackEventProcessor> logger)
{
    private const string Source = "event";

    public async Task ProcessAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        foreach (var turn in await TurnsAsync(envelope, cancellationToken).ConfigureAwait(false))
        {
            await runner.RunAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<SlackTurn>> TurnsAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        var eventId = envelope.GetString("event_id");
        var evt = envelope.GetObject("event");
        if (eventId is null || evt is not { } e)
        {
            return [];
        }
        var type = e.GetString("type");
        var teamId = envelope.GetString("team_id") ?? e.GetString("team");
        var enterpriseId = envelope.GetString("enterprise_id");

        if (type is "app_uninstalled" or "tokens_revoked")
        {
            return await UninstalledAsync(envelope, eventId, type, e, teamId, enterpriseId, cancellationToken).ConfigureAwait(false);
        }

        var auth = await installations.AuthorizeAsync(teamId, enterpriseId, cancellationToken).ConfigureAwait(false);
        if (auth is null)
        {
            Log.NoInstallation(logger, teamId, enterpriseId, eventId);
            return [];
        }
        var user = e.GetString("user");
        // member_joined_channel is about the bot itself when the bot is added; everything else from a bot is noise.
        if (user is null || (type != "member_joined_channel" && (user == auth.BotUserId || e.GetString("bot_id") is not null)))
        {
            Log.Ignored(logger, eventId, type, "sent by a bot or by this bot");
            return [];
        }

        switch (type)
        {
            case "app_mention":
                return [await MessageAsync(eventId, e, auth, user, SlackTurnBuilder.ConversationTypeOf(e.GetString("channel"), e.GetString("channel_type")), cancellationToken).ConfigureAwait(false)];
            case "message":
                // §2.4: only plain messages; subtypes (edits, joins, bot_message…) never reach the core.
                // A file shared in a DM arrives as subtype file_share; the course builder takes it.
                if (e.GetString("subtype") is { } subtype && !(subtype == "file_share" && e.GetString("channel_type") == "im"))
                {
                    Log.Ignored(logger, eventId, type, $"message subtype {subtype}");
                    return [];
                }
                if (e.GetString("channel_type") != "im")
                {
                    Log.Ignored(logger, eventId, type, "message outside a DM (channel questions come as app_mention)");
                    return [];
                }
                return [await MessageAsync(eventId, e, auth, user, ConversationType.Personal, cancellationToken).ConfigureAwait(false)];
            case "reaction_added" or "reaction_removed":
                return await ReactionAsync(eventId, e, auth, user, type == "reaction_added", cancellationToken).ConfigureAwait(false) is { } reaction ? [reaction] : [];
            case "member_joined_channel":
                return user == auth.BotUserId
                    ? [await InstalledAsync(eventId, auth, user, e.GetString("channel") ?? "", SlackTurnBuilder.ConversationTypeOf(e.GetString("channel"), e.GetString("channel_type")), cancellationToken).ConfigureAwait(false)]
                    : [];
            case "app_home_opened":
                return [await HomeOpenedAsync(eventId, e, auth, user, cancellationToken).ConfigureAwait(false)];
            default:
                Log.Ignored(logger, eventId, type, "not an event the bot handles");
                return [];
        }
    }

    private async Task<SlackTurn> MessageAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, ConversationType conversationType, CancellationToken cancellationToken)
    {
        // A mention is answered in its thread: the thread it was written in, or a new one under a top-level mention, as
        // Slack users expect from bots. A DM is a conversation with the bot, answered in the conversation.
        var threadTs = e.GetString("thread_ts") ?? (conversationType == ConversationType.Personal ? null : e.GetString("ts"));
        var replyTo = new SlackReplyTarget(auth, e.GetString("channel") ?? "") { ThreadTs = threadTs };
        var turn = await builder.TurnAsync(eventId, TurnKind.Message, user, replyTo, conversationType, e.GetString("ts"), cancellationToken).ConfigureAwait(false);
        var text = e.GetString("text") ?? "";
        var mentions = await builder.MentionedAsync(text, auth, cancellationToken).ConfigureAwait(false);
        return builder.Answered(Source, turn with { Text = Unescape(StripMentions(text, auth.BotUserId)), Mentions = mentions, Files = conversationType == ConversationType.Personal ? SharedFiles(e, auth) : [] }, replyTo);
    }

    /// <summary>The event's <c>files</c>: each one's name, size and <c>url_private</c>, downloaded later with the team's bot token.</summary>
    private static List<SharedFile> SharedFiles(JsonElement e, SlackAuthorization auth)
    {
        var files = new List<SharedFile>();
        if (!e.TryGetProperty("files", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return files;
        }
        foreach (var file in list.EnumerateArray())
        {
            if (file.ValueKind != JsonValueKind.Object || file.GetString("url_private") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                continue;
            }
            var size = file.TryGetProperty("size", out var s) && s.TryGetInt64(out var bytes) ? bytes : (long?)null;
            files.Add(new SharedFile(file.GetString("name") ?? "document", url) { Size = size, ContentType = file.GetString("mimetype"), Workspace = auth.TeamId });
        }
        return files;
    }

    private async Task<SlackTurn?> ReactionAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, bool added, CancellationToken cancellationToken)
    {
        if (e.GetObject("item") is not { } item || item.GetString("type") != "message" || item.GetString("channel") is not { } channel || item.GetString("ts") is not { } ts)
        {
            Log.Ignored(logger, eventId, "reaction", "reaction on something other than a message");
            return null;
        }
        // Every emoji on every message the bot can see arrives here: one no feature acts on costs nothing, not even a
        // users.info, a chat.getPermalink or a row in the retry dedupe.
        var name = BaseReaction(e.GetString("reaction") ?? "");
        if (!router.HandlesReaction(name))
        {
            Log.Ignored(logger, eventId, "reaction", "an emoji no feature acts on");
            return null;
        }
        // Answers to a reaction are for the person who reacted only.
        var replyTo = new SlackReplyTarget(auth, channel) { EphemeralTo = user };
        var turn = await builder.TurnAsync(eventId, TurnKind.Reaction, user, replyTo, SlackTurnBuilder.ConversationTypeOf(channel), null, cancellationToken).ConfigureAwait(false);
        // item_user: who wrote the message that got the reaction (§2.3); absent for some bot and file messages.
        var author = e.GetString("item_user") is { Length: > 0 } itemUser
            ? (await builder.WithProfilesAsync([new ChannelUser(itemUser, "") { IsBot = itemUser == auth.BotUserId }], auth, cancellationToken).ConfigureAwait(false))[0]
            : null;
        var link = added && author is not null ? await PermalinkAsync(auth, channel, ts, cancellationToken).ConfigureAwait(false) : null;
        var reaction = new ReactionChange(name, added) { MessageId = ts, MessageAuthor = author, MessageLink = link };
        return builder.Answered(Source, turn with { Reaction = reaction, ReplySeenBySenderOnly = true }, replyTo);
    }

    private async Task<SlackTurn> InstalledAsync(string eventId, SlackAuthorization auth, string user, string channel, ConversationType conversationType, CancellationToken cancellationToken)
    {
        var replyTo = new SlackReplyTarget(auth, channel);
        return builder.Answered(Source, await builder.TurnAsync(eventId, TurnKind.Installed, user, replyTo, conversationType, null, cancellationToken).ConfigureAwait(false), replyTo);
    }

    /// <summary>
    /// Messages tab: greet once in the DM (an Installed turn). Home tab: opening it asks what the bot can do, so it is
    /// the core's help, published as the tab rather than posted.
    /// </summary>
    private async Task<SlackTurn> HomeOpenedAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, CancellationToken cancellationToken)
    {
        var channel = e.GetString("channel");
        if (e.GetString("tab") == "messages" && channel is not null)
        {
            return await InstalledAsync(eventId, auth, user, channel, ConversationType.Personal, cancellationToken).ConfigureAwait(false);
        }
        var replyTo = new SlackReplyTarget(auth, await builder.ChannelOrDirectMessageAsync(channel, auth, user, cancellationToken).ConfigureAwait(false)) { HomeOf = user };
        var turn = await builder.TurnAsync(eventId, TurnKind.Message, user, replyTo, ConversationType.Personal, null, cancellationToken).ConfigureAwait(false);
        return builder.Answered(Source, turn with { Text = "help" }, replyTo);
    }

    /// <summary>
    /// app_uninstalled, or tokens_revoked for the bot token (§2.3): the installation is forgotten, once per event id.
    /// Slack takes the bot out of every channel and group chat of the workspace, so each becomes an Uninstalled turn
    /// from the bot, which the core marks removed as it does Teams removals (a later invite is an Installed turn again).
    /// DMs are left as they are: the core reads a removed DM as a person who took the app away, and a reinstall brings
    /// no event per DM. The workspace itself is no conversation, so its removal is recorded in the core's inbound log directly.
    /// </summary>
    private async Task<IReadOnlyList<SlackTurn>> UninstalledAsync(JsonElement envelope, string eventId, string type, JsonElement e, string? teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        if (type == "tokens_revoked" && !RevokesBotToken(e))
        {
            Log.Ignored(logger, eventId, type, "only user tokens were revoked");
            return [];
        }
        if (!await inbound.TryRecordAsync(ChannelKind.Slack, eventId, cancellationToken).ConfigureAwait(false))
        {
            Log.Duplicate(logger, eventId);
            return [];
        }
        var rows = await installations.RemoveAsync(teamId, enterpriseId, cancellationToken).ConfigureAwait(false);
        Log.InstallationRemoved(logger, teamId, enterpriseId, type, rows);
        var at = envelope.TryGetProperty("event_time", out var time) && time.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow();
        var channels = await installations.ChannelsAsync(teamId, cancellationToken).ConfigureAwait(false);
        return [.. channels.Select(channel => Uninstalled(eventId, channel, at))];
    }

    private static SlackTurn Uninstalled(string eventId, ConversationReferenceRecord channel, DateTimeOffset at) => new(
        Source,
        new Turn
        {
            Channel = ChannelKind.Slack,
            // One event, one turn per channel: each needs its own idempotency key.
            EventId = $"{eventId}:{channel.ConversationId}",
            Kind = TurnKind.Uninstalled,
            From = new ChannelUser(channel.BotId!, "") { TenantId = channel.TeamId, IsBot = true },
            Conversation = new TurnConversation(channel.ConversationId, Enum.Parse<ConversationType>(channel.ConversationType)) { TeamId = channel.TeamId, TenantId = channel.TenantId },
            Timestamp = at,
        },
        new ConversationAddress(channel.ServiceUrl) { BotId = channel.BotId, TeamId = channel.TeamId, TenantId = channel.TenantId },
        ReplyTo: null);

    /// <summary>Removes &lt;@U…&gt; mentions of the bot (app_mention text starts with one, §2.3) and tidies spaces.</summary>
    public static string StripMentions(string text, string botUserId) =>
        WhiteSpace().Replace(text.Replace($"<@{botUserId}>", " ", StringComparison.Ordinal), " ").Trim();

    /// <summary>
    /// Slack escapes &amp;, &lt; and &gt; in message and command text (its own &lt;@U…&gt; and &lt;#C…&gt; tokens aside);
    /// the core works on the text as typed, and the renderers escape it once on the way out.
    /// </summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>People mentioned as &lt;@U…&gt; or &lt;@U…|name&gt; (slash commands with should_escape), other than the bot, once each.</summary>
    public static IReadOnlyList<ChannelUser> MentionsIn(string text, string botUserId)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. UserMention().Matches(text)
            .Select(m => new ChannelUser(m.Groups["id"].Value, m.Groups["name"].Success ? m.Groups["name"].Value : "") { IsBot = m.Groups["id"].Value == botUserId })
            .Where(u => u.Id != botUserId)
            .DistinctBy(u => u.Id, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(?:\|(?<name>[^>]*))?>", RegexOptions.CultureInvariant)]
    private static partial Regex UserMention();

    /// <summary>"wave::skin-tone-2" → "wave" (§2.3: skin tones arrive as a suffix).</summary>
    public static string BaseReaction(string reaction)
    {
        ArgumentNullException.ThrowIfNull(reaction);
        var suffix = reaction.IndexOf("::skin-tone-", StringComparison.Ordinal);
        return suffix < 0 ? reaction : reaction[..suffix];
    }

    private static bool RevokesBotToken(JsonElement e) =>
        e.GetObject("tokens") is { } tokens && tokens.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.Array && bot.GetArrayLength() > 0;

    /// <summary>The link the recipient's note points to; a recognition never fails for want of it.</summary>
    private async Task<Uri?> PermalinkAsync(SlackAuthorization auth, string channel, string ts, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetPermalinkAsync(auth.BotToken, channel, ts, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex WhiteSpace();
}
