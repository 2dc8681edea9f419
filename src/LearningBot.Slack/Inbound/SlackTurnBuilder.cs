using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// What the turn mappers of events, commands and interactions share: the person acting and the people mentioned, with
/// their profiles from users.info (cached); the conversation and its kind; the time; where the core remembers it.
/// </summary>
public sealed class SlackTurnBuilder(
    SlackApiClient api,
    SlackUserDirectory users,
    SlackReplyDelivery delivery,
    IOptions<SlackOptions> options,
    TimeProvider clock)
{
    /// <summary>A turn of <paramref name="user"/> in the channel the reply goes to; <paramref name="ts"/> (Slack's message time) dates it, else now.</summary>
    public async Task<Turn> TurnAsync(string eventId, TurnKind kind, string user, SlackReplyTarget where, ConversationType conversationType, string? ts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        var auth = where.Auth;
        var profile = await users.FindAsync(api, auth, user, cancellationToken).ConfigureAwait(false);
        return new Turn
        {
            Channel = ChannelKind.Slack,
            EventId = eventId,
            Kind = kind,
            From = new ChannelUser(user, profile?.Name ?? "") { TenantId = auth.TeamId, IsBot = profile?.IsBot == true, Email = profile?.Email },
            Conversation = new TurnConversation(where.Channel, conversationType) { TeamId = auth.TeamId, TenantId = auth.EnterpriseId },
            Timestamp = ParseTs(ts) ?? clock.GetUtcNow(),
            TimeZone = profile?.TimeZone,
            Locale = profile?.Locale,
        };
    }

    /// <summary>The turn with where its reply goes and where the core remembers the conversation.</summary>
    public SlackTurn Answered(string source, Turn turn, SlackReplyTarget replyTo)
    {
        ArgumentNullException.ThrowIfNull(replyTo);
        var auth = replyTo.Auth;
        return new SlackTurn(source, turn, new ConversationAddress(options.Value.ApiBaseUrl) { BotId = auth.BotUserId, TeamId = auth.TeamId, TenantId = auth.EnterpriseId }, replyTo);
    }

    /// <summary>People mentioned in <paramref name="text"/> other than the bot, with their profiles, so recognition can name them and refuse bots.</summary>
    public Task<IReadOnlyList<ChannelUser>> MentionedAsync(string text, SlackAuthorization auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return WithProfilesAsync(SlackEventProcessor.MentionsIn(text, auth.BotUserId), auth, cancellationToken);
    }

    /// <summary>Names and bot flags of people from users.info (cached).</summary>
    public async Task<IReadOnlyList<ChannelUser>> WithProfilesAsync(IReadOnlyList<ChannelUser> people, SlackAuthorization auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(auth);
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

    /// <summary>The channel an interaction came from, or the person's DM when it came from none (App Home, a modal opened there).</summary>
    public async Task<string> ChannelOrDirectMessageAsync(string? channel, SlackAuthorization auth, string user, CancellationToken cancellationToken) =>
        channel ?? await delivery.OpenDirectMessageAsync(auth, user, cancellationToken).ConfigureAwait(false);

    /// <summary>Slack conversation ids: D… a DM, G… a private channel or group DM, C… a channel (§2.3 channel_type).</summary>
    public static ConversationType ConversationTypeOf(string? channel, string? channelType = null) => channelType switch
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

    private static DateTimeOffset? ParseTs(string? ts) =>
        ts is not null && decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;
}
