using System.Collections.Concurrent;
using LearningBot.Slack.Installations;

namespace LearningBot.Slack.Api;

/// <summary>users.info, remembered for an hour: names and time zones for the people directory without a call per event.</summary>
public sealed class SlackUserDirectory(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (SlackUser User, DateTimeOffset Until)> _users = new(StringComparer.Ordinal);

    public async Task<SlackUser?> FindAsync(SlackApiClient api, SlackAuthorization auth, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(auth);
        var key = $"{auth.TeamId}/{userId}";
        var now = clock.GetUtcNow();
        if (_users.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.User;
        }
        try
        {
            var user = await api.UserInfoAsync(auth.BotToken, userId, cancellationToken).ConfigureAwait(false);
            _users[key] = (user, now + Lifetime);
            return user;
        }
        catch (SlackApiException)
        {
            // A name is nice to have; the turn goes on without it (users:read may not be granted).
            return null;
        }
    }
}
