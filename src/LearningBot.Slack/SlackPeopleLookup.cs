using LearningBot.Core.Conversations;
using LearningBot.Core.People;
using LearningBot.Slack.Api;
using LearningBot.Slack.Installations;

namespace LearningBot.Slack;

/// <summary>A Slack user of the conversation's workspace, from users.info (cached): the user picker's ids become people.</summary>
public sealed class SlackPeopleLookup(SlackInstallationStore installations, SlackApiClient api, SlackUserDirectory users) : IChannelPeopleLookup
{
    public ChannelKind Channel => ChannelKind.Slack;

    public async Task<ChannelUser?> FindAsync(ConversationReferenceRecord where, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        var auth = await installations.AuthorizeAsync(where.TeamId, where.TenantId, cancellationToken).ConfigureAwait(false);
        if (auth is null || await users.FindAsync(api, auth, userId, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return null;
        }
        return new ChannelUser(user.Id, user.Name) { TenantId = auth.TeamId, IsBot = user.IsBot || user.Id == auth.BotUserId, Email = user.Email };
    }
}
