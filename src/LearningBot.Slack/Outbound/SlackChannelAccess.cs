using LearningBot.Slack.Api;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Outbound;

/// <summary>
/// Whether the bot can post in a channel before something is promised there. Slash commands work in every channel,
/// but chat.postMessage answers <c>not_in_channel</c> where the bot is not a member (slack-protocol.md §3, §5). A
/// public channel is joined (conversations.join, channels:join); a private one needs an invite from a member.
/// </summary>
public sealed partial class SlackChannelAccess(SlackApiClient api, ILogger<SlackChannelAccess> logger)
{
    /// <summary>Null when the bot is in the channel (or has just joined it); otherwise what the person should do, to tell them.</summary>
    public async Task<string?> ProblemPostingInAsync(SlackAuthorization auth, string channel, string retryCommand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        if (channel.StartsWith('D'))
        {
            return null; // a DM is no channel to bind; the core says so
        }
        SlackChannelInfo info;
        try
        {
            info = await api.ConversationInfoAsync(auth.BotToken, channel, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e) when (e.Error == "channel_not_found")
        {
            // A private channel the bot is not in is invisible to it.
            return Invite(retryCommand);
        }
        catch (SlackApiException e)
        {
            // Cannot tell (e.g. an install without channels:read): go ahead; a post that then fails tells its sender.
            Log.CheckFailed(logger, channel, e.Error);
            return null;
        }
        if (info.IsArchived)
        {
            return "This channel is archived, so nobody can post here. Pick a channel that is in use.";
        }
        if (info.IsMember || info.IsDirect)
        {
            return null;
        }
        if (!info.IsPrivate)
        {
            try
            {
                await api.JoinConversationAsync(auth.BotToken, channel, cancellationToken).ConfigureAwait(false);
                Log.Joined(logger, channel);
                return null;
            }
            catch (SlackApiException e)
            {
                // missing_scope (installed before channels:join), or the workspace does not let apps join.
                Log.JoinFailed(logger, channel, e.Error);
            }
        }
        return Invite(retryCommand);
    }

    private static string Invite(string retryCommand) =>
        $"I'm not a member of this channel, so I can't post here yet. Invite me first — type **/invite @LearningBot** in this channel — then run **{retryCommand}** again.";

    private static partial class Log
    {
        [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Joined Slack channel {Channel} to post there")]
        public static partial void Joined(ILogger logger, string channel);

        [LoggerMessage(EventId = 3041, Level = LogLevel.Information, Message = "Could not join Slack channel {Channel}: {Error}")]
        public static partial void JoinFailed(ILogger logger, string channel, string error);

        [LoggerMessage(EventId = 3042, Level = LogLevel.Warning, Message = "Could not check the bot's membership of Slack channel {Channel}: {Error}")]
        public static partial void CheckFailed(ILogger logger, string channel, string error);
    }
}
