using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Core.Help;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// Handles one event_callback after it was acknowledged (slack-protocol.md §2): message-like events become turns
/// for the core (deduplicated by event_id in <see cref="TurnProcessor"/>), the rest act on installations and App Home.
/// Messages from bots, the bot itself and message subtypes are ignored as Bolt does (§2.4).
/// </summary>
public sealed partial class SlackEventProcessor(
    TurnProcessor turns,
    InboundEventLog inbound,
    SlackInstallationStore installations,
    SlackApiClient api,
    SlackMessageSender sender,
    SlackUserDirectory users,
    TurnRouter router,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackEventProcessor> logger)
{
    public async Task ProcessAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        var eventId = envelope.GetString("event_id");
        var evt = envelope.GetObject("event");
        if (eventId is null || evt is not { } e)
        {
            return;
        }
        var type = e.GetString("type");
        var teamId = envelope.GetString("team_id") ?? e.GetString("team");
        var enterpriseId = envelope.GetString("enterprise_id");

        if (type is "app_uninstalled" or "tokens_revoked")
        {
            if (type == "tokens_revoked" && !RevokesBotToken(e))
            {
                Log.Ignored(logger, eventId, type, "only user tokens were revoked");
                return;
            }
            if (await inbound.TryRecordAsync(ChannelKind.Slack, eventId, cancellationToken).ConfigureAwait(false))
            {
                var rows = await installations.RemoveAsync(teamId, enterpriseId, cancellationToken).ConfigureAwait(false);
                Log.InstallationRemoved(logger, teamId, enterpriseId, type, rows);
            }
            return;
        }

        var auth = await installations.AuthorizeAsync(teamId, enterpriseId, cancellationToken).ConfigureAwait(false);
        if (auth is null)
        {
            Log.NoInstallation(logger, teamId, enterpriseId, eventId);
            return;
        }
        var user = e.GetString("user");
        // member_joined_channel is about the bot itself when the bot is added; everything else from a bot is noise.
        if (user is null || (type != "member_joined_channel" && (user == auth.BotUserId || e.GetString("bot_id") is not null)))
        {
            Log.Ignored(logger, eventId, type, "sent by a bot or by this bot");
            return;
        }

        switch (type)
        {
            case "app_mention":
                await MessageAsync(eventId, e, auth, user, ConversationTypeOf(e.GetString("channel"), e.GetString("channel_type")), cancellationToken).ConfigureAwait(false);
                break;
            case "message":
                // §2.4: only plain messages; subtypes (edits, joins, bot_message…) never reach the core.
                if (e.GetString("subtype") is { } subtype)
                {
                    Log.Ignored(logger, eventId, type, $"message subtype {subtype}");
                }
                else if (e.GetString("channel_type") != "im")
                {
                    Log.Ignored(logger, eventId, type, "message outside a DM (channel questions come as app_mention)");
                }
                else
                {
                    await MessageAsync(eventId, e, auth, user, ConversationType.Personal, cancellationToken).ConfigureAwait(false);
                }
                break;
            case "reaction_added" or "reaction_removed":
                await ReactionAsync(eventId, e, auth, user, type == "reaction_added", cancellationToken).ConfigureAwait(false);
                break;
            case "member_joined_channel":
                if (user == auth.BotUserId)
                {
                    await InstalledAsync(eventId, auth, user, e.GetString("channel") ?? "", ConversationTypeOf(e.GetString("channel"), e.GetString("channel_type")), cancellationToken).ConfigureAwait(false);
                }
                break;
            case "app_home_opened":
                await HomeOpenedAsync(eventId, e, auth, user, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.Ignored(logger, eventId, type, "not an event the bot handles");
                break;
        }
    }

    private async Task MessageAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, ConversationType conversationType, CancellationToken cancellationToken)
    {
        var channel = e.GetString("channel") ?? "";
        var turn = await TurnAsync(eventId, TurnKind.Message, auth, user, channel, conversationType, e.GetString("ts"), cancellationToken).ConfigureAwait(false);
        var text = e.GetString("text") ?? "";
        turn = turn with { Text = StripMentions(text, auth.BotUserId), Mentions = await WithProfilesAsync(MentionsIn(text, auth.BotUserId), auth, cancellationToken).ConfigureAwait(false) };
        var reply = await turns.ProcessAsync(turn, Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return;
        }
        // A mention inside a thread is answered in that thread; a DM or top-level mention in the conversation.
        var threadTs = e.GetString("thread_ts");
        foreach (var message in reply.Messages)
        {
            await sender.PostAsync(auth, channel, message, threadTs, cancellationToken).ConfigureAwait(false);
        }
        Log.Handled(logger, "event", eventId, turn.Kind.ToString(), reply.Messages.Count);
    }

    private async Task ReactionAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, bool added, CancellationToken cancellationToken)
    {
        if (e.GetObject("item") is not { } item || item.GetString("type") != "message" || item.GetString("channel") is not { } channel || item.GetString("ts") is not { } ts)
        {
            Log.Ignored(logger, eventId, "reaction", "reaction on something other than a message");
            return;
        }
        var turn = await TurnAsync(eventId, TurnKind.Reaction, auth, user, channel, ConversationTypeOf(channel, null), null, cancellationToken).ConfigureAwait(false);
        // item_user: who wrote the message that got the reaction (§2.3); absent for some bot and file messages.
        var author = e.GetString("item_user") is { Length: > 0 } itemUser
            ? (await WithProfilesAsync([new ChannelUser(itemUser, "") { IsBot = itemUser == auth.BotUserId }], auth, cancellationToken).ConfigureAwait(false))[0]
            : null;
        turn = turn with { Reaction = new ReactionChange(BaseReaction(e.GetString("reaction") ?? ""), added) { MessageId = ts, MessageAuthor = author, MessageLink = added && author is not null ? await PermalinkAsync(auth, channel, ts, cancellationToken).ConfigureAwait(false) : null }, ReplySeenBySenderOnly = true };
        var reply = await turns.ProcessAsync(turn, Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return;
        }
        // Answers to a reaction are for the person who reacted only.
        foreach (var message in reply.Messages)
        {
            await sender.PostEphemeralAsync(auth, channel, user, message, cancellationToken).ConfigureAwait(false);
        }
        Log.Handled(logger, "event", eventId, turn.Kind.ToString(), reply.Messages.Count);
    }

    private async Task InstalledAsync(string eventId, SlackAuthorization auth, string user, string channel, ConversationType conversationType, CancellationToken cancellationToken)
    {
        var turn = await TurnAsync(eventId, TurnKind.Installed, auth, user, channel, conversationType, null, cancellationToken).ConfigureAwait(false);
        var reply = await turns.ProcessAsync(turn, Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return;
        }
        foreach (var message in reply.Messages)
        {
            await sender.PostAsync(auth, channel, message, null, cancellationToken).ConfigureAwait(false);
        }
        Log.Handled(logger, "event", eventId, turn.Kind.ToString(), reply.Messages.Count);
    }

    /// <summary>Home tab: publish what the bot can do. Messages tab: greet once in the DM (an Installed turn).</summary>
    private async Task HomeOpenedAsync(string eventId, JsonElement e, SlackAuthorization auth, string user, CancellationToken cancellationToken)
    {
        var channel = e.GetString("channel");
        if (e.GetString("tab") == "messages" && channel is not null)
        {
            await InstalledAsync(eventId, auth, user, channel, ConversationType.Personal, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!await inbound.TryRecordAsync(ChannelKind.Slack, eventId, cancellationToken).ConfigureAwait(false))
        {
            Log.Duplicate(logger, eventId);
            return;
        }
        var card = HelpCards.Help(router.Commands) with { Actions = HelpCards.Welcome(inChannel: false).Actions };
        await api.PublishViewAsync(auth.BotToken, user, BlockKitRenderer.HomeView(card), cancellationToken).ConfigureAwait(false);
        Log.Handled(logger, "event", eventId, "AppHome", 0);
    }

    internal async Task<Turn> TurnAsync(string eventId, TurnKind kind, SlackAuthorization auth, string user, string channel, ConversationType conversationType, string? ts, CancellationToken cancellationToken)
    {
        var profile = await users.FindAsync(api, auth, user, cancellationToken).ConfigureAwait(false);
        return new Turn
        {
            Channel = ChannelKind.Slack,
            EventId = eventId,
            Kind = kind,
            From = new ChannelUser(user, profile?.Name ?? "") { TenantId = auth.TeamId, IsBot = profile?.IsBot == true, Email = profile?.Email },
            Conversation = new TurnConversation(channel, conversationType) { TeamId = auth.TeamId, TenantId = auth.EnterpriseId },
            Timestamp = ParseTs(ts) ?? clock.GetUtcNow(),
            TimeZone = profile?.TimeZone,
            Locale = profile?.Locale,
        };
    }

    /// <summary>Names and bot flags of mentioned people from users.info (cached), so recognition can name them and refuse bots.</summary>
    internal async Task<IReadOnlyList<ChannelUser>> WithProfilesAsync(IReadOnlyList<ChannelUser> people, SlackAuthorization auth, CancellationToken cancellationToken)
    {
        var known = new List<ChannelUser>(people.Count);
        foreach (var person in people)
        {
            var profile = person.IsBot ? null : await users.FindAsync(api, auth, person.Id, cancellationToken).ConfigureAwait(false);
            known.Add(person with
            {
                Name = profile?.Name is { Length: > 0 } name ? name : person.Name,
                TenantId = auth.TeamId,
                IsBot = person.IsBot || profile?.IsBot == true,
                Email = profile?.Email,
            });
        }
        return known;
    }

    internal ConversationAddress Address(SlackAuthorization auth) =>
        new(options.Value.ApiBaseUrl) { BotId = auth.BotUserId, TeamId = auth.TeamId, TenantId = auth.EnterpriseId };

    /// <summary>Slack conversation ids: D… a DM, G… a private channel or group DM, C… a channel (§2.3 channel_type).</summary>
    public static ConversationType ConversationTypeOf(string? channel, string? channelType) => channelType switch
    {
        "im" => ConversationType.Personal,
        "mpim" => ConversationType.GroupChat,
        "channel" or "group" => ConversationType.Channel,
        _ => channel switch
        {
            ['D', ..] => ConversationType.Personal,
            _ => ConversationType.Channel,
        },
    };

    /// <summary>Removes &lt;@U…&gt; mentions of the bot (app_mention text starts with one, §2.3) and tidies spaces.</summary>
    public static string StripMentions(string text, string botUserId) =>
        WhiteSpace().Replace(text.Replace($"<@{botUserId}>", " ", StringComparison.Ordinal), " ").Trim();

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

    private static DateTimeOffset? ParseTs(string? ts) =>
        ts is not null && decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex WhiteSpace();
}
