using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LearningBot.Slack.Api;

namespace LearningBot.Slack.Installations;

/// <summary>auth.test of the configured single-workspace token, asked once: who the bot user is.</summary>
public sealed class SlackBotIdentityCache
{
    private readonly ConcurrentDictionary<string, SlackAuthTest> _identities = new(StringComparer.Ordinal);

    public async Task<SlackAuthTest> GetAsync(string token, SlackApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_identities.TryGetValue(key, out var identity))
        {
            return identity;
        }
        identity = await api.AuthTestAsync(token, cancellationToken).ConfigureAwait(false);
        _identities[key] = identity;
        return identity;
    }
}
